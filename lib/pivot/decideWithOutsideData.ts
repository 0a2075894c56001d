import { DataNeededError } from '../errors';
import type { CalendarFeeds } from '../calendar/calendarFeeds';
import type { LookupResolver } from '../lookups/lookupResolver';
import type { Route } from '../routes/routeSchema';
import type { CalendarFeed, KnownOutsideData } from '../rules/outsideData';
import type { LookupValues } from '../routes/lookupSchema';
import { conditionsOfRoute } from './conditionsOfRoute';

/** Where outside data comes from; absent ones make every lookup or feed missing. */
export type OutsideSources = { lookups?: LookupResolver; calendars?: CalendarFeeds };

/** Kept back from the call's budget for what follows the last fetch: the state write and the answer. */
export const ANSWER_RESERVE_MS = 400;

/**
 * Decides, fetching outside data as the decision asks for it. `decide` is the
 * synchronous engine (wrapped in whatever the caller needs, e.g. the call-state
 * update): each time it throws DataNeededError, the one thing it needs is fetched
 * within what is left of the budget (a failed or slow fetch is recorded as
 * missing) and it runs again with everything known so far. It ends: each round
 * learns one more lookup or feed of the route, and a known one is never asked again.
 */
export async function decideWithOutsideData<T>(
  sources: OutsideSources | undefined,
  route: Route,
  budget: { deadlineAt: number; signal?: AbortSignal },
  decide: (known: KnownOutsideData) => Promise<T>,
): Promise<T> {
  const lookups = new Map<string, LookupValues>();
  const calendars = new Map<string, CalendarFeed | null>();
  const known: KnownOutsideData = { lookups, calendars };
  for (;;) {
    try {
      return await decide(known);
    } catch (error) {
      if (!(error instanceof DataNeededError)) throw error;
      const remainingMs = budget.deadlineAt - performance.now() - ANSWER_RESERVE_MS;
      const need = error.need;
      if (need.kind === 'lookup') {
        if (lookups.has(need.name)) throw error;
        const lookup = route.lookups && Object.hasOwn(route.lookups, need.name) ? route.lookups[need.name] : undefined;
        const values =
          lookup && sources?.lookups && error.values
            ? await sources.lookups.resolve(route.id, need.name, lookup, error.values, { remainingMs, signal: budget.signal })
            : null;
        lookups.set(need.name, values);
      } else {
        if (calendars.has(need.url)) throw error;
        const condition = conditionsOfRoute(route).find((c) => c.calendar?.url === need.url)?.calendar;
        const feed =
          condition && sources?.calendars ? await sources.calendars.feed(condition, { remainingMs, signal: budget.signal }) : null;
        calendars.set(need.url, feed);
      }
    }
  }
}
