import type { Route } from '../routes/routeSchema';
import { KAZOO_DEFAULT_START_DATE_SECONDS } from '../temporal/gregorianSeconds';

/** Every time condition is a plain weekly rule (every week, since Kazoo's default start): dates add nothing to the week. */
export function repeatsEveryWeek(route: Route): boolean {
  const conditions = [
    ...route.rules.map((rule) => rule.when),
    ...Object.values(route.steps).flatMap((step) => step.options.flatMap((option) => (option.when ? [option.when] : []))),
  ];
  return conditions
    .flatMap((when) => [when.time ?? []].flat())
    .every(
      (rule) =>
        rule.cycle === 'weekly' &&
        rule.interval === 1 &&
        rule.start.kind === 'gregorian-seconds' &&
        rule.start.seconds === KAZOO_DEFAULT_START_DATE_SECONDS,
    );
}
