/**
 * A route's time conditions as the `temporal_rules` documents Kazoo stores
 * (what `rules kazoo-rules` prints): seconds for windows, Gregorian seconds of
 * local midnight for start dates, Kazoo's field names. Holidays and closures
 * become `date` rules, one per day, for the years asked.
 */
import { holidaysOfYear } from '../holidays/holidayCondition';
import type { Closure, Route } from './routeSchema';
import { SECONDS_PER_DAY } from '../temporal/clockTime';
import { gregorianSecondsFromInstant } from '../temporal/gregorianSeconds';
import { addDays, compareDates, formatIsoDate, type LocalDate } from '../temporal/localDate';
import { startDateIn } from '../temporal/ruleStart';
import type { TemporalRule } from '../temporal/temporalRuleSchema';
import { zonedDateTime } from '../temporal/timeZone';
import { instantAt } from '../temporal/zonedInstant';

export type KazooTemporalRule = {
  name: string;
  cycle: string;
  interval: number;
  days?: number[];
  wdays?: string[];
  ordinal?: string;
  month?: number;
  start_date: number;
  time_window_start: number;
  time_window_stop: number;
  enabled?: boolean;
};

export type KazooRuleGroup = { rule: string; condition: string; temporal_rules: KazooTemporalRule[] };

/** Longest closure range written out day by day. */
const MAX_CLOSURE_DAYS = 366;

export function kazooTemporalRulesOf(route: Route, years: readonly number[]): KazooRuleGroup[] {
  const groups: KazooRuleGroup[] = [];
  const tz = route.timezone;
  for (const [i, closure] of route.closures.entries()) {
    groups.push({ rule: `closures.${i}`, condition: `closure ${closure.label}`, temporal_rules: closureDays(closure, tz) });
  }
  for (const [i, rule] of route.rules.entries()) {
    const label = rule.name ?? `rule-${i + 1}`;
    const time = rule.when.time === undefined ? [] : [rule.when.time].flat();
    if (time.length > 0)
      groups.push({ rule: label, condition: 'time', temporal_rules: time.map((t, j) => toKazoo(t, tz, `${label} ${j + 1}`)) });
    if (rule.when.hours)
      groups.push({ rule: label, condition: 'hours', temporal_rules: rule.when.hours.map((t) => toKazoo(t, tz, t.name ?? label)) });
    const holidays = rule.when.holidays;
    if (holidays) {
      const rules = years.flatMap((year) =>
        holidaysOfYear(holidays, year, tz).map((h) => {
          const start = zonedDateTime(new Date(h.start), tz);
          const end = zonedDateTime(new Date(h.end), tz);
          const sameDay = compareDates(start.date, end.date) === 0;
          return dateRule(`${h.name} ${h.date}`, start.date, tz, start.secondsIntoDay, sameDay ? end.secondsIntoDay : SECONDS_PER_DAY);
        }),
      );
      groups.push({
        rule: label,
        condition: `holidays ${[holidays.country, holidays.region].filter(Boolean).join('-')} ${years.join(', ')}`,
        temporal_rules: rules,
      });
    }
  }
  return groups;
}

/** Kazoo's temporal_rules schema caps names at 128 characters. */
const kazooName = (name: string) => (name.length > 128 ? `${name.slice(0, 127)}…` : name);

function toKazoo(rule: TemporalRule, tz: string, fallbackName: string): KazooTemporalRule {
  const usesDays = (rule.cycle === 'monthly' || rule.cycle === 'yearly') && rule.days.length > 0;
  const usesWdays = rule.cycle === 'weekly' || ((rule.cycle === 'monthly' || rule.cycle === 'yearly') && !usesDays);
  return {
    name: kazooName(rule.name ?? fallbackName),
    cycle: rule.cycle,
    interval: rule.interval,
    ...(usesDays ? { days: [...rule.days] } : {}),
    ...(usesWdays ? { wdays: [...rule.wdays] } : {}),
    ...(usesWdays && rule.cycle !== 'weekly' ? { ordinal: rule.ordinal } : {}),
    ...(rule.cycle === 'yearly' ? { month: rule.month } : {}),
    start_date: rule.start.kind === 'gregorian-seconds' ? rule.start.seconds : midnightSeconds(startDateIn(rule.start, tz), tz),
    time_window_start: rule.timeWindowStart,
    time_window_stop: rule.timeWindowStop,
    ...(rule.enabled !== undefined ? { enabled: rule.enabled } : {}),
  };
}

function closureDays(closure: Closure, tz: string): KazooTemporalRule[] {
  const rules: KazooTemporalRule[] = [];
  for (let day = closure.from, n = 0; compareDates(day, closure.to) <= 0 && n < MAX_CLOSURE_DAYS; day = addDays(day, 1), n++) {
    rules.push(
      dateRule(`${closure.label} ${formatIsoDate(day)}`, day, tz, closure.hours?.start ?? 0, closure.hours?.stop ?? SECONDS_PER_DAY),
    );
  }
  return rules;
}

function dateRule(name: string, date: LocalDate, tz: string, start: number, stop: number): KazooTemporalRule {
  return {
    name: kazooName(name),
    cycle: 'date',
    interval: 1,
    start_date: midnightSeconds(date, tz),
    time_window_start: start,
    time_window_stop: stop,
  };
}

/** Kazoo reads start_date as an instant and takes its date in the zone: local midnight says the day. */
function midnightSeconds(date: LocalDate, tz: string): number {
  return gregorianSecondsFromInstant(instantAt(date, 0, tz));
}
