/**
 * Whether a route is closed right now: an emergency closure (`rules close`,
 * stored apart from the route) first, then the route's own `closures`. Both win
 * over the rules; what answers is the closure's own callflow, else the route's
 * `closed`, else its fallback.
 */
import type { CallflowNode } from '../callflow/callflowNode';
import { tts } from '../callflow/nodeBuilders';
import type { EmergencyClosure } from '../closures/emergencyClosure';
import type { Action, Closure, Route } from '../routes/routeSchema';
import { compareDates } from '../temporal/localDate';
import type { ZonedClock } from '../temporal/zonedClock';

/** The route closure in force on the request's clock (in the route's zone), if any (the first listed wins). */
export function routeClosureAt(route: Route, clock: ZonedClock): Closure | undefined {
  if (route.closures.length === 0) return undefined;
  const local = clock.local;
  return route.closures.find(
    (c) =>
      compareDates(c.from, local.date) <= 0 &&
      compareDates(local.date, c.to) <= 0 &&
      (!c.hours || (local.secondsIntoDay >= c.hours.start && local.secondsIntoDay <= c.hours.stop)),
  );
}

/** What a closed route answers: the closure's own action, else `closed`, else the fallback. */
export function closedAction(route: Route, closure?: Closure): Action | undefined {
  return closure?.then ?? route.closed ?? route.fallback;
}

/** The emergency message, spoken before the closed callflow (or alone, then Kazoo hangs up). */
export function withClosureMessage(closure: EmergencyClosure, next: CallflowNode | undefined): CallflowNode | undefined {
  if (closure.message === undefined) return next;
  return tts(closure.message, {}, next ? { _: next } : undefined);
}
