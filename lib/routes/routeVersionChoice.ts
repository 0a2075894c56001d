import type { StoreCallOptions } from '../calls/callStateStore';
import type { RouteVersions } from './pinnedRouteVersions';
import type { Route } from './routeSchema';

/**
 * Which version of a route a request runs.
 *
 * A new call runs the live version, unless its caller number is one of the draft's
 * `testCallers`. A follow-up runs the version its signed URL names (the one the
 * call started on), so an IVR never mixes steps of two versions: the live or draft
 * copy when the number matches, else that stored version. `gone` when that version
 * is no longer stored: the call gets the live route's fallback.
 */
export type VersionChoice = { route: Route } | { gone: number };

export function routeForNewCall(route: Route, callerIdNumber: string | undefined): Route {
  const draft = route.draft;
  if (!draft?.testCallers || callerIdNumber === undefined) return route;
  const caller = digitsOf(callerIdNumber);
  return caller !== '' && draft.testCallers.some((number) => digitsOf(number) === caller) ? draft : route;
}

export async function routeForFollowUp(
  route: Route,
  pinned: number | undefined,
  versions: RouteVersions | undefined,
  options?: StoreCallOptions,
): Promise<VersionChoice> {
  if (pinned === undefined || pinned === route.version) return { route };
  if (route.draft && pinned === route.draft.version) return { route: route.draft };
  const stored = await versions?.getVersion(route.id, pinned, options);
  return stored ? { route: stored } : { gone: pinned };
}

/** `+1 (555) 010-0100` and `15550100100` are one number: only the digits count. */
function digitsOf(number: string): string {
  return number.replace(/\D/g, '');
}
