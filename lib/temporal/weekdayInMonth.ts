/**
 * Finding "the third Tuesday" or "the last Friday" of a month, with Kazoo's
 * exact overflow behaviour (cf_temporal_route:date_of_dow and friends).
 *
 * The one that surprises: a fifth weekday that a month does not have is not an
 * error in Kazoo. Counting five weeks on simply lands in the next month (the
 * fifth Tuesday of January 2011 is February 1st), and callers decide what to do
 * with a date outside the month they asked about.
 */
import { addDays, dayOfWeek, normalizeDate, type LocalDate } from './localDate';
import { ordinalPosition, weekdayToDow, type CountedOrdinal, type Weekday } from './weekdays';

/**
 * cf_temporal_route:find_ordinal_weekday (over date_of_dow). `month` may run
 * past 12 (month 14 of 2011 is February 2012), as Kazoo passes start month
 * plus an interval offset straight in.
 */
export function ordinalWeekdayOfMonth(year: number, month: number, weekday: Weekday, ordinal: CountedOrdinal): LocalDate {
  const first = normalizeDate(year, month, 1);
  const toFirstOccurrence = (weekdayToDow(weekday) - dayOfWeek(first) + 7) % 7;
  return addDays(first, toFirstOccurrence + 7 * ordinalPosition(ordinal));
}

/** cf_temporal_route:find_last_weekday: the fifth occurrence if the month has one, else the fourth. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: Weekday): LocalDate {
  const first = normalizeDate(year, month, 1);
  const fifth = ordinalWeekdayOfMonth(first.year, first.month, weekday, 'fifth');
  return fifth.month === first.month ? fifth : ordinalWeekdayOfMonth(first.year, first.month, weekday, 'fourth');
}

/**
 * kz_date:find_next_weekday: the next such weekday strictly after `date`
 * (a week later when `date` already is one). May cross into the next month.
 */
export function nextWeekdayAfter(date: LocalDate, weekday: Weekday): LocalDate {
  const ahead = (weekdayToDow(weekday) - dayOfWeek(date) + 7) % 7;
  return addDays(date, ahead === 0 ? 7 : ahead);
}
