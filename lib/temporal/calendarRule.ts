/**
 * The part of a temporal rule that decides on which dates it recurs, with its
 * start date already resolved to a local date (Kazoo's #rule record, less the
 * time window and the enabled override).
 */
import type { LocalDate } from './localDate';
import type { Ordinal, Weekday } from './weekdays';

export const CYCLES = ['date', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type Cycle = (typeof CYCLES)[number];

export type CalendarRule = {
  readonly cycle: Cycle;
  /** Every N days / ISO weeks / months / years, counted from startDate. */
  readonly interval: number;
  /** Days of the month, ascending. */
  readonly days: readonly number[];
  /** Monday-first, never empty (an empty list in a rule means all seven). */
  readonly wdays: readonly Weekday[];
  readonly ordinal: Ordinal;
  /** 1..12, for yearly rules. */
  readonly month: number;
  readonly startDate: LocalDate;
};

/**
 * Kazoo's `Offset = trunc(Distance / I0) * I0`: the start of the interval
 * block that `distance` periods fall into. When distance equals its offset the
 * period is an "active" one. trunc, not floor, as in Erlang.
 */
export function intervalOffset(distance: number, interval: number): number {
  return Math.trunc(distance / interval) * interval;
}

/** Kazoo matches monthly and yearly weekday rules only with `wdays=[Weekday]`. */
export function singleWeekday(rule: CalendarRule): Weekday {
  const [weekday, ...others] = rule.wdays;
  if (weekday === undefined || others.length > 0) {
    throw new RangeError(`a ${rule.cycle} rule without days needs exactly one weekday, got ${rule.wdays.length}`);
  }
  return weekday;
}
