import { DataNeededError } from '../errors';
import type { LookupValues } from '../routes/lookupSchema';
import type { PlaceholderValues } from '../routes/placeholders';

/** A parsed calendar feed (lib/calendar/calendarFeed.ts): whether it has an event at an instant. */
export interface CalendarFeed {
  hasEventAt(instant: Date, timeZone: string): boolean;
}

/**
 * The outside data fetched so far for one request. The decision stays synchronous:
 * a condition or placeholder needing something absent here throws DataNeededError,
 * the driver fetches it and decides again. A `null` entry was tried and gave nothing
 * usable (slow, failing, malformed): conditions on it are false.
 */
export type KnownOutsideData = {
  lookups: ReadonlyMap<string, LookupValues>;
  calendars: ReadonlyMap<string, CalendarFeed | null>;
};

export function noOutsideData(): KnownOutsideData {
  return { lookups: new Map(), calendars: new Map() };
}

/** A lookup's field, undefined when the lookup gave nothing or not that field. */
export function lookupValue(
  known: KnownOutsideData,
  lookup: string,
  field: string,
  callValues: () => PlaceholderValues,
): string | undefined {
  if (!known.lookups.has(lookup)) throw new DataNeededError({ kind: 'lookup', name: lookup }, callValues());
  const values = known.lookups.get(lookup);
  return values && Object.hasOwn(values, field) ? values[field] : undefined;
}

/** Whether the feed has an event now; false when the feed could not be had. */
export function calendarBusy(known: KnownOutsideData, url: string, now: Date, timeZone: string): boolean {
  if (!known.calendars.has(url)) throw new DataNeededError({ kind: 'calendar', url });
  return known.calendars.get(url)?.hasEventAt(now, timeZone) ?? false;
}
