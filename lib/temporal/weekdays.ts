/**
 * Weekday and ordinal names as Kazoo writes them in temporal rules
 * (kz_date:wday_to_dow, kz_date:ordinal_to_position).
 */
import type { DayOfWeek } from './localDate';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Kazoo's UI once saved Wednesday misspelled; Kazoo still reads it, so operators may still write it. */
export const WEEKDAY_SPELLINGS = [...WEEKDAYS, 'wensday'] as const;
export type WeekdaySpelling = (typeof WEEKDAY_SPELLINGS)[number];

export const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'last', 'every'] as const;
export type Ordinal = (typeof ORDINALS)[number];

/** The ordinals that name one occurrence counted from the start of the month. */
export type CountedOrdinal = Exclude<Ordinal, 'last' | 'every'>;

export function normalizeWeekday(spelling: WeekdaySpelling): Weekday {
  return spelling === 'wensday' ? 'wednesday' : spelling;
}

export function weekdayToDow(weekday: Weekday): DayOfWeek {
  return (WEEKDAYS.indexOf(weekday) + 1) as DayOfWeek;
}

export function dowToWeekday(dow: DayOfWeek): Weekday {
  return WEEKDAYS[dow - 1] as Weekday;
}

/**
 * cf_temporal_route:sort_wdays: Monday-first order with no repeats; an empty
 * list means every day of the week.
 */
export function sortWeekdays(weekdays: readonly Weekday[]): Weekday[] {
  if (weekdays.length === 0) return [...WEEKDAYS];
  return WEEKDAYS.filter((weekday) => weekdays.includes(weekday));
}

/** kz_date:ordinal_to_position: how many whole weeks after the first occurrence. */
export function ordinalPosition(ordinal: CountedOrdinal): 0 | 1 | 2 | 3 | 4 {
  return (['first', 'second', 'third', 'fourth', 'fifth'] as const).indexOf(ordinal) as 0 | 1 | 2 | 3 | 4;
}
