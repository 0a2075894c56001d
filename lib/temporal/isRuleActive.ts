/**
 * Whether a temporal rule matches a moment, judged as Kazoo's
 * cf_temporal_route judges it (get_temporal_rules, then process_rules), in the
 * route's time zone.
 */
import type { CalendarRule } from './calendarRule';
import { SECONDS_PER_DAY } from './clockTime';
import { addDays, compareDates, toEpochDay } from './localDate';
import { nextRuleDate } from './nextRuleDate';
import { startDateIn } from './ruleStart';
import type { TemporalRule } from './temporalRuleSchema';
import { zonedDateTime } from './timeZone';

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
  const now = zonedDateTime(instant, timeZone);
  const startDate = startDateIn(rule.start, timeZone);
  if (compareDates(startDate, now.date) > 0) return false;
  if (rule.enabled !== undefined) return rule.enabled;

  const calendarRule: CalendarRule = { ...rule, startDate };
  // Kazoo: "Weekly logic becomes convoluted when prev date is passed", so
  // weekly rules search from today and count today itself.
  const searchFrom = rule.cycle === 'weekly' ? now.date : addDays(now.date, -1);
  const occurrence = nextRuleDate(calendarRule, searchFrom);

  // Kazoo: LSec against BaseTime + TStart .. BaseTime + TStop, in local Gregorian seconds.
  const localSeconds = (toEpochDay(now.date) - toEpochDay(occurrence)) * SECONDS_PER_DAY + now.secondsIntoDay;
  return localSeconds >= rule.timeWindowStart && localSeconds <= rule.timeWindowStop;
}

/** True when any of the rules is active: a route's rule list means "any of these". */
export function anyRuleActive(rules: readonly TemporalRule[], instant: Date, timeZone: string): boolean {
  return rules.some((rule) => isRuleActive(rule, instant, timeZone));
}
