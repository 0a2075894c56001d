/**
 * Kazoo's cf_temporal_route:next_rule_date, clause for clause: the date on
 * which a rule next recurs after a search date. Kazoo's quirks are kept on
 * purpose so that a route behaves here exactly as it does in Kazoo; each one is
 * named where it happens.
 */
import { intervalOffset, type CalendarRule } from './calendarRule';
import { isoWeekDifference, isoWeekNumber, fromIsoWeek } from './isoWeek';
import { addDays, compareDates, dayOfWeek, toEpochDay, type LocalDate } from './localDate';
import { nextMonthlyDate } from './monthlyRuleDate';
import { sortWeekdays, weekdayToDow } from './weekdays';
import { nextYearlyDate } from './yearlyRuleDate';

/**
 * The rule's next occurrence after `from`. It is strictly after `from`,
 * except that a weekly rule counts `from` itself when `from` is one of its
 * weekdays in an active week (Kazoo's current weekly clause). A `date` rule
 * always answers its start date, past or not. The answer is always a real
 * date: where Kazoo builds an impossible one (February 30th) it rolls over as
 * Kazoo's kz_date:normalize does (to March 1st or 2nd).
 */
export function nextRuleDate(rule: CalendarRule, from: LocalDate): LocalDate {
  const normalized: CalendarRule = {
    ...rule,
    days: [...new Set(rule.days)].sort((a, b) => a - b),
    wdays: sortWeekdays(rule.wdays),
  };
  switch (normalized.cycle) {
    case 'date':
      return normalized.startDate;
    case 'daily':
      return nextDailyDate(normalized, from);
    case 'weekly':
      return nextWeeklyDate(normalized, from);
    case 'monthly':
      return nextMonthlyDate(normalized, from);
    case 'yearly':
      return nextYearlyDate(normalized, from);
  }
}

function nextDailyDate(rule: CalendarRule, from: LocalDate): LocalDate {
  const distance = toEpochDay(from) - toEpochDay(rule.startDate);
  return addDays(rule.startDate, intervalOffset(distance, rule.interval) + rule.interval);
}

/**
 * Weeks are ISO weeks; a week is active when the number of whole weeks since
 * the start date's week is a multiple of the interval.
 */
function nextWeeklyDate(rule: CalendarRule, today: LocalDate): LocalDate {
  const todayDow = dayOfWeek(today);
  const distance = isoWeekDifference(rule.startDate, today);
  const offset = intervalOffset(distance, rule.interval);
  const [nextActiveDow] = rule.wdays.map(weekdayToDow).filter((dow) => dow >= todayDow);

  if (nextActiveDow !== undefined && distance === offset) {
    // Start date later this same week: days before it do not count yet.
    if (compareDates(today, rule.startDate) < 0) return nextWeeklyDate(rule, rule.startDate);
    return addDays(today, nextActiveDow - todayDow);
  }

  // No active day left this week, or an inactive week: the first listed
  // weekday of the next active week.
  const startWeek = isoWeekNumber(rule.startDate);
  const monday = fromIsoWeek({ weekYear: startWeek.weekYear, week: startWeek.week + offset + rule.interval });
  const [firstWeekday] = rule.wdays;
  return addDays(monday, weekdayToDow(firstWeekday ?? 'monday') - 1);
}
