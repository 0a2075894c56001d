import type { Conditions } from '../routes/conditionsSchema';
import type { Route } from '../routes/routeSchema';

/** Every `when` of a route: its rules' and its IVR options'. */
export function conditionsOfRoute(route: Route): Conditions[] {
  const all = route.rules.map((r) => r.when);
  for (const step of Object.values(route.steps)) for (const option of step.options) if (option.when) all.push(option.when);
  return all;
}
