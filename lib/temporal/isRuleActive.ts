/**
 * Whether a temporal rule matches a moment, judged as Kazoo's
 * cf_temporal_route judges it (get_temporal_rules, then process_rules), in the
 * route's time zone.
 */
import type { CalendarRule } from './calendarRule';
import { addDays, compareDates, isSameDate, type LocalDate } from './localDate';
import { nextRuleDate } from './nextRuleDate';
import { startDateIn } from './ruleStart';
import type { TemporalRule } from './temporalRuleSchema';
import type { TemporalDayCache } from './temporalDayCache';
import { type ZonedDateTime, zonedDateTime } from './timeZone';

/**
 * True when the rule is in force at `instant` in `timeZone`:
 * - a rule whose start date is after today never matches, even if forced on
 *   (Kazoo drops it before looking at `enabled`);
 * - `enabled: true` matches at any time of day, `enabled: false` never;
 * - otherwise its next occurrence, searched from today for weekly rules and
 *   from yesterday for the others, must be today, and the wall-clock time must
 *   lie inside the window, both ends included. A window that stops before it
 *   starts never matches: an overnight window takes two rules.
 *
 * Throws RangeError for a zone the runtime does not know; check route files
 * with isValidTimeZone.
 */
export function isRuleActive(rule: TemporalRule, instant: Date, timeZone: string): boolean {
  return isRuleActiveAt(rule, zonedDateTime(instant, timeZone), timeZone);
}

/**
 * What a rule says about one whole local date: it never matches that day, it
 * matches all day (`enabled: true`), or it matches inside its time window.
 */
export type DayVerdict = 'never' | 'all-day' | 'window';

export function dayVerdict(rule: TemporalRule, today: LocalDate, timeZone: string): DayVerdict {
  const startDate = startDateIn(rule.start, timeZone);
  if (compareDates(startDate, today) > 0) return 'never';
  if (rule.enabled !== undefined) return rule.enabled ? 'all-day' : 'never';

  const calendarRule: CalendarRule = { ...rule, startDate };
  // Kazoo: "Weekly logic becomes convoluted when prev date is passed", so
  // weekly rules search from today and count today itself.
  const searchFrom = rule.cycle === 'weekly' ? today : addDays(today, -1);
  return isSameDate(nextRuleDate(calendarRule, searchFrom), today) ? 'window' : 'never';
}

/** isRuleActive on a clock already read; `days` (the route's) answers the day-level part once per local date. */
export function isRuleActiveAt(
  rule: TemporalRule,
  now: ZonedDateTime,
  timeZone: string,
  days?: TemporalDayCache,
  epochDay?: number,
): boolean {
  const verdict = days ? days.verdict(rule, now.date, timeZone, epochDay) : dayVerdict(rule, now.date, timeZone);
  if (verdict !== 'window') return verdict === 'all-day';
  return now.secondsIntoDay >= rule.timeWindowStart && now.secondsIntoDay <= rule.timeWindowStop;
}

/** True when any of the rules is active: a route's rule list means "any of these". */
export function anyRuleActive(rules: readonly TemporalRule[], instant: Date, timeZone: string): boolean {
  const now = zonedDateTime(instant, timeZone);
  return rules.some((rule) => isRuleActiveAt(rule, now, timeZone));
}
