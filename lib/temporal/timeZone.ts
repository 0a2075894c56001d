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
  if (Number.isNaN(instant.getTime())) throw new RangeError('the instant is not a valid Date');
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(timeZone);
  } catch (cause) {
    throw new RangeError(`unknown time zone "${timeZone}"`, { cause });
  }
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(instant)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  // Intl counts years before 1 AD as 1 BC, 2 BC...; the proleptic calendar has a year 0.
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  return {
    date: { year, month: Number(fields.month), day: Number(fields.day) },
    secondsIntoDay: Number(fields.hour) * 3600 + Number(fields.minute) * 60 + Number(fields.second),
  };
}
