/**
 * What the wall clock says in an IANA zone at a given instant. Rules are judged
 * on the wall clock, as Kazoo does (localtime:utc_to_local): on a 23-hour
 * spring-forward day 02:00..02:59 never happens, and on a 25-hour fall-back day
 * 01:00..01:59 happens twice. The zone database is the runtime's (Intl).
 */
import type { LocalDate } from './localDate';

export type ZonedDateTime = {
  readonly date: LocalDate;
  /** Wall-clock seconds since local midnight, 0..86399. */
  readonly secondsIntoDay: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // h23: some runtimes print midnight as "24" under hour12: false.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name the runtime knows ("America/New_York", "UTC"); false for "EST5", "Mars/Olympus". */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date and wall-clock time of `instant` in `timeZone`. Throws RangeError for an unknown zone. */
export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('the instant is not a valid Date');
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(timeZone);
  } catch (cause) {
    throw new RangeError(`unknown time zone "${timeZone}"`, { cause });
  }
  const offset = steadyOffset(formatter, timeZone, ms);
  if (offset !== undefined) {
    const local = new Date(ms + offset);
    if (!Number.isNaN(local.getTime())) {
      return {
        date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
        secondsIntoDay: local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds(),
      };
    }
  }
  return readWallClock(formatter, ms);
}

function readWallClock(formatter: Intl.DateTimeFormat, ms: number): ZonedDateTime {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(ms)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  // Intl counts years before 1 AD as 1 BC, 2 BC...; the proleptic calendar has a year 0.
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  return {
    date: { year, month: Number(fields.month), day: Number(fields.day) },
    secondsIntoDay: Number(fields.hour) * 3600 + Number(fields.minute) * 60 + Number(fields.second),
  };
}

/*
 * formatToParts was the costliest step of a warm request. A zone's offset from UTC
 * changes only at its transitions (DST, months apart), so it is read at both ends of
 * a six-hour UTC window and, when both agree, reused for every instant inside: the
 * wall clock is then plain arithmetic. A window holding a transition keeps reading
 * Intl for each instant. This assumes no zone changes offset and back within six
 * hours, which no zone in the time zone database does (test/lib/temporal/timeZone
 * compares both paths across DST days, 30- and 45-minute zones and the date line).
 */
const WINDOW_MS = 6 * 3600_000;
/** Windows remembered per zone: a week of them, so judging instants across a week (previews, impact) stays cheap. */
const WINDOWS_PER_ZONE = 32;
const steadyOffsets = new Map<string, Map<number, number | null>>();

function steadyOffset(formatter: Intl.DateTimeFormat, timeZone: string, ms: number): number | undefined {
  const window = Math.floor(ms / WINDOW_MS);
  let windows = steadyOffsets.get(timeZone);
  if (!windows) {
    windows = new Map();
    steadyOffsets.set(timeZone, windows);
  }
  let offset = windows.get(window);
  if (offset === undefined) {
    const start = offsetAt(formatter, window * WINDOW_MS);
    const end = offsetAt(formatter, (window + 1) * WINDOW_MS);
    offset = start !== undefined && start === end ? start : null;
    if (windows.size >= WINDOWS_PER_ZONE) windows.delete(windows.keys().next().value!);
    windows.set(window, offset);
  }
  return offset ?? undefined;
}

/** The zone's offset from UTC at a whole-second instant, in ms; undefined outside Date's range. */
function offsetAt(formatter: Intl.DateTimeFormat, ms: number): number | undefined {
  if (Number.isNaN(new Date(ms).getTime())) return undefined;
  const { date, secondsIntoDay } = readWallClock(formatter, ms);
  const wall = new Date(0);
  wall.setUTCFullYear(date.year, date.month - 1, date.day);
  return wall.getTime() + secondsIntoDay * 1000 - ms;
}
