/**
 * The monthly clauses of Kazoo's next_rule_date. A month is active when the
 * months since the start date's month are a multiple of the interval (the
 * start's day of month plays no part).
 */
import { intervalOffset, singleWeekday, type CalendarRule } from './calendarRule';
import { normalizeDate, type LocalDate } from './localDate';
import { lastWeekdayOfMonth, nextWeekdayAfter, ordinalWeekdayOfMonth } from './weekdayInMonth';

export function nextMonthlyDate(rule: CalendarRule, from: LocalDate): LocalDate {
  const start = rule.startDate;
  const distance = (from.year - start.year) * 12 - start.month + from.month;
  const offset = intervalOffset(distance, rule.interval);
  const active = distance === offset;
  const [firstDay] = rule.days;

  if (firstDay !== undefined) {
    // Days the month lacks (30 in February) roll into the next month, as in
    // Kazoo: a rule for the 30th answers March 1st or 2nd after February.
    const nextDay = rule.days.find((day) => day > from.day);
    if (nextDay !== undefined && active) return normalizeDate(start.year, start.month + offset, nextDay);
    return normalizeDate(start.year, start.month + offset + rule.interval, firstDay);
  }

  const weekday = singleWeekday(rule);
  const nextActiveMonth = start.month + offset + rule.interval;

  switch (rule.ordinal) {
    case 'every': {
      if (active) {
        const date = nextWeekdayAfter(from, weekday);
        if (date.year === from.year && date.month === from.month) return date;
        if (rule.interval === 1) return date;
      }
      return ordinalWeekdayOfMonth(start.year, nextActiveMonth, weekday, 'first');
    }
    case 'last': {
      if (active) {
        const date = lastWeekdayOfMonth(from.year, from.month, weekday);
        if (from.day < date.day) return date;
      }
      return lastWeekdayOfMonth(start.year, nextActiveMonth, weekday);
    }
    default: {
      if (active) {
        // A fifth weekday the month lacks lands in the next month. Every month
        // (interval 1) Kazoo takes that date; with a longer interval it skips
        // to the next active month (Kazoo's own "known bug" comment).
        const date = ordinalWeekdayOfMonth(from.year, from.month, weekday, rule.ordinal);
        if (rule.interval > 1 && date.month === from.month && from.day < date.day) return date;
        if (rule.interval === 1 && (from.day < date.day || from.month < date.month)) return date;
      }
      return ordinalWeekdayOfMonth(start.year, nextActiveMonth, weekday, rule.ordinal);
    }
  }
}
