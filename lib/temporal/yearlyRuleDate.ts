/**
 * The yearly clauses of Kazoo's next_rule_date. A year is active when the
 * years since the start date's year are a multiple of the interval.
 */
import { intervalOffset, singleWeekday, type CalendarRule } from './calendarRule';
import { normalizeDate, type LocalDate } from './localDate';
import { lastWeekdayOfMonth, nextWeekdayAfter, ordinalWeekdayOfMonth } from './weekdayInMonth';
import type { CountedOrdinal, Weekday } from './weekdays';

/** The Gregorian calendar repeats every 400 years, so a longer search can never succeed. */
const GREGORIAN_CYCLE_YEARS = 400;

export function nextYearlyDate(rule: CalendarRule, from: LocalDate): LocalDate {
  const { month } = rule;
  const distance = from.year - rule.startDate.year;
  const offset = intervalOffset(distance, rule.interval);
  const active = distance === offset;
  const nextActiveYear = rule.startDate.year + offset + rule.interval;
  const [firstDay] = rule.days;

  if (firstDay !== undefined) {
    // Kazoo builds {Year, Month, Day} unchecked and normalizes it later, so a
    // February 29th rule answers March 1st in common years.
    if (!active || from.month > month) return normalizeDate(nextActiveYear, month, firstDay);
    if (from.month < month) return normalizeDate(from.year, month, firstDay);
    const nextDay = rule.days.find((day) => day > from.day);
    return nextDay === undefined ? normalizeDate(nextActiveYear, month, firstDay) : normalizeDate(from.year, month, nextDay);
  }

  const weekday = singleWeekday(rule);
  const isStillAhead = (date: LocalDate) =>
    date.year === from.year && date.month === month && (from.month < month || (from.month === month && from.day < date.day));

  switch (rule.ordinal) {
    case 'every': {
      if (active) {
        // Kazoo searches from the search date's day number *in the target
        // month*, so before that month it does not answer the month's first
        // such weekday, and a search from a day the month lacks (March 31st for
        // April) spills past it. Net effect kept from Kazoo: from the last day
        // of the previous month it never answers the month's 1st.
        const date = nextWeekdayAfter(normalizeDate(from.year, month, from.day), weekday);
        if (isStillAhead(date)) return date;
      }
      return ordinalWeekdayOfMonth(nextActiveYear, month, weekday, 'first');
    }
    case 'last': {
      if (active) {
        const date = lastWeekdayOfMonth(from.year, month, weekday);
        if (isStillAhead(date)) return date;
      }
      return lastWeekdayOfMonth(nextActiveYear, month, weekday);
    }
    default: {
      if (active) {
        const date = ordinalWeekdayOfMonth(from.year, month, weekday, rule.ordinal);
        if (isStillAhead(date)) return date;
      }
      return nextYearWithOrdinal(nextActiveYear, month, weekday, rule.ordinal, rule.interval);
    }
  }
}

/**
 * cf_temporal_route:find_next_yearly_ordinal_weekday: skip whole intervals
 * until the month has that occurrence (a fifth Monday in April). Kazoo loops
 * forever when no active year ever has it (the fifth Monday of February, every
 * other year from an odd year); this gives up after a full Gregorian cycle and
 * answers a date centuries ahead, which can never be today.
 */
function nextYearWithOrdinal(year: number, month: number, weekday: Weekday, ordinal: CountedOrdinal, interval: number): LocalDate {
  let date = ordinalWeekdayOfMonth(year, month, weekday, ordinal);
  for (let step = 1; step <= GREGORIAN_CYCLE_YEARS && date.month !== month; step++) {
    date = ordinalWeekdayOfMonth(year + step * interval, month, weekday, ordinal);
  }
  return date;
}
