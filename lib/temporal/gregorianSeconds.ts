/**
 * Kazoo stores instants as Gregorian seconds: seconds since 0000-01-01T00:00:00
 * UTC in the proleptic Gregorian calendar (Erlang's calendar module). A rule's
 * `start_date` is one of these.
 */
import { fromEpochDay, toEpochDay, type LocalDate } from './localDate';

/** Gregorian seconds at 1970-01-01T00:00:00Z (calendar:datetime_to_gregorian_seconds). */
export const UNIX_EPOCH_GREGORIAN_SECONDS = 62_167_219_200;

const SECONDS_PER_DAY = 86_400;

/** Kazoo's schema default for `start_date`: 1983-04-11T08:00:00Z, midnight in Los Angeles. */
export const KAZOO_DEFAULT_START_DATE_SECONDS = 62_586_115_200;

/** The last second of 9999-12-31 UTC: later values are typing mistakes, not dates. */
export const MAX_GREGORIAN_SECONDS = 315_537_897_599;

export function instantFromGregorianSeconds(seconds: number): Date {
  return new Date((seconds - UNIX_EPOCH_GREGORIAN_SECONDS) * 1000);
}

export function gregorianSecondsFromInstant(instant: Date): number {
  return Math.floor(instant.getTime() / 1000) + UNIX_EPOCH_GREGORIAN_SECONDS;
}

/** Gregorian seconds of the date's midnight, read as UTC (calendar:datetime_to_gregorian_seconds). */
export function gregorianSecondsFromDate(date: LocalDate): number {
  return toEpochDay(date) * SECONDS_PER_DAY + UNIX_EPOCH_GREGORIAN_SECONDS;
}

/** The UTC calendar date of a Gregorian-seconds instant (no time zone applied). */
export function utcDateFromGregorianSeconds(seconds: number): LocalDate {
  return fromEpochDay(Math.floor((seconds - UNIX_EPOCH_GREGORIAN_SECONDS) / SECONDS_PER_DAY));
}
