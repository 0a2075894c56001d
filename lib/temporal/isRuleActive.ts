/**
 * Whether a temporal rule matches a moment, judged as Kazoo's
 * cf_temporal_route judges it (get_temporal_rules, then process_rules), in the
 * route's time zone.
 */
import type { CalendarRule } from './calendarRule';
import { SECONDS_PER_DAY } from './clockTime';
import { addDays, compareDates, toEpochDay, type LocalDate } from './localDate';
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
 *   from yesterday for the others, is the base date, and the local time must
 *   lie inside [base + start, base + stop], both ends included, counted in
 *   local seconds as Kazoo counts them. So a window stopping at 86400 also
 *   holds at 00:00:00 of the next day when the base date is yesterday (a
 *   `date` rule). A window that stops before it starts never matches: an
 *   overnight window takes two rules (the `hours` condition writes them).
 *
 * Throws RangeError for a zone the runtime does not know; check route files
 * with isValidTimeZone.
 */
export function isRuleActive(rule: TemporalRule, instant: Date, timeZone: string): boolean {
  return isRuleActiveAt(rule, zonedDateTime(instant, timeZone), timeZone);
}

/**
 * What a rule says about one whole local date: it never matches that day, it
 * matches all day (`enabled: true`), it matches inside its time window, or (its
 * base date being yesterday and its window stopping at 86400) only at 00:00:00.
 */
export type DayVerdict = 'never' | 'all-day' | 'window' | 'first-second';

export function dayVerdict(rule: TemporalRule, today: LocalDate, timeZone: string): DayVerdict {
  const startDate = startDateIn(rule.start, timeZone);
  if (compareDates(startDate, today) > 0) return 'never';
  if (rule.enabled !== undefined) return rule.enabled ? 'all-day' : 'never';

  const calendarRule: CalendarRule = { ...rule, startDate };
  // Kazoo: "Weekly logic becomes convoluted when prev date is passed", so
  // weekly rules search from today and count today itself.
  const searchFrom = rule.cycle === 'weekly' ? today : addDays(today, -1);
  const daysSinceBase = toEpochDay(today) - toEpochDay(nextRuleDate(calendarRule, searchFrom));
  if (daysSinceBase === 0) return 'window';
  // Kazoo compares local seconds with BaseTime + TStop: yesterday's window reaches 00:00:00 when it stops at 86400.
  return daysSinceBase === 1 && rule.timeWindowStop >= SECONDS_PER_DAY ? 'first-second' : 'never';
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
  if (verdict === 'first-second') return now.secondsIntoDay === 0;
  if (verdict !== 'window') return verdict === 'all-day';
  return now.secondsIntoDay >= rule.timeWindowStart && now.secondsIntoDay <= rule.timeWindowStop;
}

/** True when any of the rules is active: a route's rule list means "any of these". */
export function anyRuleActive(rules: readonly TemporalRule[], instant: Date, timeZone: string): boolean {
  const now = zonedDateTime(instant, timeZone);
  return rules.some((rule) => isRuleActiveAt(rule, now, timeZone));
}
