import type { OutboundCache, CacheSource } from '../outbound/outboundCache';
import type { OutboundFetcher } from '../outbound/outboundFetcher';
import { createHash } from 'node:crypto';
import { OutboundFetchError } from '../errors';
import type { CalendarFeed } from '../rules/outsideData';
import { CALENDAR_DEFAULTS, type CalendarCondition } from './calendarConditionSchema';

/** A feed fetch runs this long at most, in the background, whatever the call waiting for it does. */
export const FEED_FETCH_BUDGET_MS = 5_000;
/** The longest a call waits for a feed it has never seen (later calls use the cached copy at once). */
export const FEED_FIRST_WAIT_MS = 800;

/**
 * `target` is the feed's host and a fingerprint of its URL, never its path: a
 * Google "secret address" carries its secret in the path.
 */
export type CalendarReport = { target: string; source: CacheSource; latencyMs: number; reason?: string };

/** `calendar.google.com#3f9a1c0b2d4e`: which feed, without the capability its URL is. */
export function feedFingerprint(url: string): string {
  let host = '(not a URL)';
  try {
    host = new URL(url).host;
  } catch {
    // Reported as such.
  }
  return `${host}#${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

export type CalendarFeedsDeps = {
  fetcher: OutboundFetcher;
  cache: OutboundCache<CalendarFeed>;
  elapsed?: () => number;
  onReport?: (report: CalendarReport) => void;
};

/**
 * Calendar feeds for `calendar` conditions, fetched outside the call's path: a
 * copy younger than refreshMinutes answers at once; an older one answers at once
 * too while a refresh runs in the background (within FEED_FETCH_BUDGET_MS); the
 * last good copy stands in when the feed is down or malformed. Only a feed never
 * seen makes a call wait, and then at most FEED_FIRST_WAIT_MS (never past the
 * call's own budget); the fetch goes on for the calls after it.
 */
export class CalendarFeeds {
  constructor(private readonly deps: CalendarFeedsDeps) {}

  async feed(condition: CalendarCondition, budget: { remainingMs: number; signal?: AbortSignal }): Promise<CalendarFeed | null> {
    const elapsed = this.deps.elapsed ?? (() => performance.now());
    const started = elapsed();
    const result = await this.deps.cache.get({
      key: condition.url,
      breakerKey: condition.url,
      ttlMs: condition.refreshMinutes * 60_000,
      signal: budget.signal,
      detached: { budgetMs: FEED_FETCH_BUDGET_MS, waitMs: Math.max(0, Math.min(FEED_FIRST_WAIT_MS, budget.remainingMs)) },
      load: async (signal) => {
        const answer = await this.deps.fetcher.fetch(
          { url: condition.url, method: 'GET', expect: 'text', maxBytes: CALENDAR_DEFAULTS.maxBytes, timeoutMs: FEED_FETCH_BUDGET_MS },
          { signal },
        );
        // ical.js is loaded with the first feed: a cold start of a deployment without calendars pays nothing for it.
        const { loadCalendarParser, ParsedCalendarFeed } = await import('./calendarFeed');
        await loadCalendarParser();
        try {
          return new ParsedCalendarFeed(answer.text ?? '');
        } catch (cause) {
          throw new OutboundFetchError('malformed', `${feedFingerprint(condition.url)} is not an iCalendar feed`, { cause });
        }
      },
    });
    this.deps.onReport?.({
      target: feedFingerprint(condition.url),
      source: result.source,
      latencyMs: elapsed() - started,
      reason: result.error instanceof OutboundFetchError ? result.error.reason : result.error ? 'not-fetched-in-time' : undefined,
    });
    return result.value ?? null;
  }
}
