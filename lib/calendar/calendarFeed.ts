import type ICAL from 'ical.js';
import { isValidTimeZone } from '../temporal/timeZone';
import { wallClockInstant } from './wallClockInstant';

/** Occurrences walked per recurring event before giving up on it (a FREQ=MINUTELY rule from 1990). */
const MAX_OCCURRENCES = 10_000;
/** Shifted starts land this far before the earliest occurrence that could cover the instant asked about. */
const SHIFT_MARGIN_MS = 8 * 86_400_000;
const DAY_MS = 86_400_000;

type Span = { start: number; end: number };

/**
 * ical.js ships beside the bundle (infra/PivotFunction.ts, LAZY_MODULES) and is
 * loaded with the first feed: a cold start of a deployment without calendars
 * neither parses nor runs it.
 */
let ical: typeof ICAL | undefined;
let loading: Promise<typeof ICAL> | undefined;

/** Loads ical.js once per process; await it before building a ParsedCalendarFeed. */
export async function loadCalendarParser(): Promise<void> {
  loading ??= import('ical.js').then((module) => (ical = module.default));
  await loading;
}

function icalLoaded(): typeof ICAL {
  if (!ical) throw new Error('ical.js is not loaded: await loadCalendarParser() before parsing a feed');
  return ical;
}

type Timed = { time: ICAL.Time; tzid: string | undefined };

/**
 * A parsed iCalendar feed (Google Calendar's or Outlook's published .ics), asked
 * one question: is there an event at this instant? Recurrences (RRULE, RDATE,
 * EXDATE) are expanded by ical.js on the wall clock of the event's own zone, so a
 * 09:00 weekly meeting stays at 09:00 across a DST change; overridden instances
 * (RECURRENCE-ID) replace theirs, cancelled ones drop out; the feed's VTIMEZONE
 * definitions are honoured, and a TZID the feed does not define is read as an
 * IANA zone when it is one. All-day and floating times are judged in the route's
 * zone. Throws when the text is not an iCalendar document.
 */
export class ParsedCalendarFeed {
  readonly #masters: ICAL.Event[] = [];
  readonly #overrides: ICAL.Event[] = [];
  /** Every start of a rule that cannot be started later (COUNT), per event and zone, expanded once. */
  readonly #counted = new Map<ICAL.Event, Map<string, number[]>>();

  constructor(text: string) {
    const library = icalLoaded();
    const root = new library.Component(library.parse(text) as unknown[]);
    if (root.name !== 'vcalendar') throw new Error('not an iCalendar document (no VCALENDAR)');
    const byUid = new Map<string, ICAL.Event>();
    const components = root.getAllSubcomponents('vevent');
    for (const component of components) {
      if (component.hasProperty('recurrence-id')) continue;
      const event = new library.Event(component);
      this.#masters.push(event);
      byUid.set(event.uid, event);
    }
    for (const component of components) {
      if (!component.hasProperty('recurrence-id')) continue;
      const override = new library.Event(component);
      this.#overrides.push(override);
      byUid.get(override.uid)?.relateException(override);
    }
  }

  get eventCount(): number {
    return this.#masters.length;
  }

  hasEventAt(instant: Date, timeZone: string): boolean {
    const now = instant.getTime();
    for (const event of this.#masters) {
      if (isCancelled(event)) continue;
      if (event.isRecurring() ? this.#recurringCovers(event, now, timeZone) : covers(spanOf(event, timeZone), now)) return true;
    }
    // Overrides are judged at their own (possibly moved) times, whether or not their master is in the feed.
    return this.#overrides.some((o) => !isCancelled(o) && covers(spanOf(o, timeZone), now));
  }

  #recurringCovers(event: ICAL.Event, now: number, timeZone: string): boolean {
    const tzid = tzidOf(event, 'dtstart');
    const length = spanOf(event, timeZone);
    const duration = length.end - length.start;
    const shifted = shiftedStart(event, length.start, now - duration - SHIFT_MARGIN_MS);
    if (!shifted && isCounted(event)) return startsCover(this.#countedStarts(event, timeZone), duration, now);
    const iterator = event.iterator(shifted);
    for (let i = 0; i < MAX_OCCURRENCES; i++) {
      const next = iterator.next();
      if (!next) return false;
      const start = instantOf({ time: next, tzid }, timeZone);
      // Past now by more than a day: no later occurrence can have started yet.
      if (start > now + DAY_MS) return false;
      if (start > now) continue;
      // An overridden instance is judged from the override itself.
      if (isOverridden(event, next)) continue;
      if (covers({ start, end: start + duration }, now)) return true;
    }
    return false;
  }

  /** A COUNT rule's starts (overridden ones left to their overrides), sorted; at most MAX_OCCURRENCES. */
  #countedStarts(event: ICAL.Event, timeZone: string): number[] {
    const byZone = this.#counted.get(event) ?? new Map<string, number[]>();
    this.#counted.set(event, byZone);
    const known = byZone.get(timeZone);
    if (known) return known;
    const tzid = tzidOf(event, 'dtstart');
    const starts: number[] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && starts.length < MAX_OCCURRENCES; next = iterator.next()) {
      if (!isOverridden(event, next)) starts.push(instantOf({ time: next, tzid }, timeZone));
    }
    starts.sort((a, b) => a - b);
    byZone.set(timeZone, starts);
    return starts;
  }
}

function isCounted(event: ICAL.Event): boolean {
  const rules = event.component.getAllProperties('rrule');
  return rules.length > 0 && rules.every((r) => Boolean((r.getFirstValue() as ICAL.Recur).count));
}

/** Whether an occurrence starting at one of `starts` (sorted) and lasting `duration` covers `now`. */
function startsCover(starts: readonly number[], duration: number, now: number): boolean {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= now) low = mid + 1;
    else high = mid;
  }
  // Occurrences longer than their spacing overlap: look back while one could still cover now.
  for (let i = low - 1; i >= 0 && starts[i]! > now - duration; i--) if (now < starts[i]! + duration) return true;
  return false;
}

/**
 * Where to start expanding a recurrence so that an instant years after DTSTART
 * costs a few steps, not one per day since then (ical.js walks from its start).
 * DAILY and WEEKLY rules without COUNT start whole periods (INTERVAL days or
 * weeks) later, still before anything that could cover the instant: every
 * occurrence from there on is the rule's own (same phase, same weekday, same
 * wall-clock time; UNTIL and EXDATE still apply). Other rules (a MONTHLY or
 * YEARLY rule has at most a dozen occurrences a year; COUNT must be counted from
 * the start) expand from DTSTART.
 */
function shiftedStart(event: ICAL.Event, startInstant: number, notBefore: number): ICAL.Time | undefined {
  const rules = event.component.getAllProperties('rrule');
  if (rules.length !== 1 || event.component.hasProperty('rdate')) return undefined;
  const rule = rules[0]!.getFirstValue() as ICAL.Recur;
  if (rule.count || (rule.freq !== 'DAILY' && rule.freq !== 'WEEKLY')) return undefined;
  // Whole weeks of whole periods: the same phase of INTERVAL and the same weekday, for DAILY and WEEKLY alike.
  const periodDays = 7 * Math.max(1, rule.interval ?? 1);
  const periods = Math.floor((notBefore - startInstant) / (periodDays * DAY_MS));
  if (periods < 1) return undefined;
  const start = event.startDate.clone();
  start.adjust(periods * periodDays, 0, 0, 0);
  return start;
}

function isOverridden(event: ICAL.Event, occurrence: ICAL.Time): boolean {
  if (Object.hasOwn(event.exceptions, occurrence.toString())) return true;
  return Object.hasOwn(event.exceptions, occurrence.convertToZone(icalLoaded().Timezone.utcTimezone).toString());
}

function covers(span: Span, now: number): boolean {
  return span.start <= now && now < span.end;
}

function isCancelled(event: ICAL.Event): boolean {
  return String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function tzidOf(event: ICAL.Event, property: string): string | undefined {
  const tzid = event.component.getFirstProperty(property)?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
}

/** Start and end of a single (or overriding) event; an all-day event without DTEND lasts its day. */
function spanOf(event: ICAL.Event, timeZone: string): Span {
  const startTime = event.startDate;
  const start = instantOf({ time: startTime, tzid: tzidOf(event, 'dtstart') }, timeZone);
  let end: number;
  if (event.component.hasProperty('dtend')) end = instantOf({ time: event.endDate, tzid: tzidOf(event, 'dtend') }, timeZone);
  else if (event.component.hasProperty('duration')) end = start + event.duration.toSeconds() * 1000;
  else end = startTime.isDate ? instantOf({ time: dayAfter(startTime), tzid: undefined }, timeZone) : start;
  return { start, end: Math.max(start, end) };
}

function dayAfter(time: ICAL.Time): ICAL.Time {
  const next = time.clone();
  next.adjust(1, 0, 0, 0);
  return next;
}

/** The instant a feed's time names, in epoch milliseconds. */
function instantOf({ time, tzid }: Timed, routeTimeZone: string): number {
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  if (time.isDate) return wallClockInstant({ ...wall, hour: 0, minute: 0, second: 0 }, routeTimeZone);
  // UTC, or a zone the feed defines in a VTIMEZONE: ical.js knows its offsets.
  if (time.zone && time.zone.tzid !== 'floating') return time.toUnixTime() * 1000;
  if (tzid && isValidTimeZone(tzid)) return wallClockInstant(wall, tzid);
  return wallClockInstant(wall, routeTimeZone);
}
