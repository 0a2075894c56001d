import type { RouteKeys } from '../lib/pivot/routeCredentials';

/**
 * The route key when nothing else is set: `npm start`, `npm run call` and
 * `npm run rules -- url` without --secret. It is public (it is right here), so
 * local URLs stay the same from run to run; a deployed stack generates its own
 * key in Secrets Manager and never reads this.
 */
export const LOCAL_ROUTE_KEY = 'local-route-key-public-never-deploy';

/** PIVOT_ROUTE_KEY (and PIVOT_ROUTE_KEY_PREVIOUS, to try a rotation locally), else the public local key. */
export function localRouteKeys(env: Record<string, string | undefined>): RouteKeys {
  const previous = env['PIVOT_ROUTE_KEY_PREVIOUS'] || undefined;
  return { current: env['PIVOT_ROUTE_KEY'] || LOCAL_ROUTE_KEY, ...(previous && { previous }) };
}
