import type { Route } from '../routes/routeSchema';
import { KAZOO_DEFAULT_START_DATE_SECONDS } from '../temporal/gregorianSeconds';
import { addDays, compareDates, isSameDate, type LocalDate } from '../temporal/localDate';
import { nextRuleDate } from '../temporal/nextRuleDate';
import { startDateIn } from '../temporal/ruleStart';
import type { TemporalRule } from '../temporal/temporalRuleSchema';

/** Every time condition is a plain weekly rule (every week, since Kazoo's default start): dates add nothing to the week. */
export function repeatsEveryWeek(route: Route): boolean {
  return calendarRules(route).length === 0;
}

/**
 * The time rules whose days are not simply "these weekdays, every week": yearly,
 * monthly, daily and dated cycles, every-other-week rules, rules with a start date.
 * `enabled` overrides hold every day alike and are not among them.
 */
export function calendarRules(route: Route): TemporalRule[] {
  const conditions = [
    ...route.rules.map((rule) => rule.when),
    ...Object.values(route.steps).flatMap((step) => step.options.flatMap((option) => (option.when ? [option.when] : []))),
  ];
  return conditions.flatMap((when) => [when.time ?? []].flat()).filter((rule) => rule.enabled === undefined && !isPlainWeekly(rule));
}

/**
 * Whether a calendar rule falls on `date` (in the route's zone), by Kazoo's date
 * logic alone (isRuleActive's, without the time of day): a date no such rule
 * falls on answers exactly like any other such date of its weekday.
 */
export function fallsOn(rule: TemporalRule, date: LocalDate, timeZone: string): boolean {
  const startDate = startDateIn(rule.start, timeZone);
  if (compareDates(startDate, date) > 0) return false;
  const searchFrom = rule.cycle === 'weekly' ? date : addDays(date, -1);
  return isSameDate(nextRuleDate({ ...rule, startDate }, searchFrom), date);
}

function isPlainWeekly(rule: TemporalRule): boolean {
  return (
    rule.cycle === 'weekly' &&
    rule.interval === 1 &&
    rule.start.kind === 'gregorian-seconds' &&
    rule.start.seconds === KAZOO_DEFAULT_START_DATE_SECONDS
  );
}
