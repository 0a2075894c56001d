/** Small builders so that each test reads as the rule an operator would write. */
import type { CalendarRule } from '../../../lib/temporal/calendarRule';
import { formatIsoDate, parseIsoDate, type LocalDate } from '../../../lib/temporal/localDate';
import { temporalRuleSchema, type TemporalRule, type TemporalRuleInput } from '../../../lib/temporal/temporalRuleSchema';

/** Erlang's calendar:datetime_to_gregorian_seconds({{1970,1,1},{0,0,0}}). */
const UNIX_EPOCH_IN_GREGORIAN_SECONDS = 62_167_219_200;

export function rule(input: TemporalRuleInput): TemporalRule {
  return temporalRuleSchema.parse(input);
}

/** A weekday business-hours rule, the one most routes start with. */
export function weekdaysNineToFive(extra: Partial<TemporalRuleInput> = {}): TemporalRule {
  return rule({
    name: 'business hours',
    cycle: 'weekly',
    wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    time_window_start: 9 * 3600,
    time_window_stop: 17 * 3600,
    start_date: '2026-01-01',
    ...extra,
  });
}

export function date(iso: string): LocalDate {
  const parsed = parseIsoDate(iso);
  if (!parsed) throw new Error(`bad test date ${iso}`);
  return parsed;
}

export function iso(value: LocalDate): string {
  return formatIsoDate(value);
}

/** A calendar rule with Kazoo's #rule defaults, for next-date tests. */
export function calendar(fields: Partial<Omit<CalendarRule, 'startDate'>> & { cycle: CalendarRule['cycle']; start: string }): CalendarRule {
  const { start, ...rest } = fields;
  return { interval: 1, days: [], wdays: [], ordinal: 'first', month: 1, ...rest, startDate: date(start) };
}

export function instant(isoInstant: string): Date {
  return new Date(isoInstant);
}

/** What Kazoo stores in start_date for a given instant. */
export function gregorianSeconds(isoInstant: string): number {
  return Date.parse(isoInstant) / 1000 + UNIX_EPOCH_IN_GREGORIAN_SECONDS;
}
