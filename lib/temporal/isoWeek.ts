/**
 * ISO 8601 weeks the way Kazoo's weekly rules count them: weeks start on
 * Monday, and "every N weeks" is counted between the Mondays of two ISO weeks
 * (cf_temporal_route:iso_week_difference), so a start date late in December
 * can belong to week 1 of the next year, or a January date to week 52/53.
 */
import { addDays, dayOfWeek, toEpochDay, type LocalDate } from './localDate';

export type IsoWeek = { readonly weekYear: number; readonly week: number };

/** The Monday that opens the date's ISO week. */
export function isoWeekMonday(date: LocalDate): LocalDate {
  return addDays(date, 1 - dayOfWeek(date));
}

/** Erlang's calendar:iso_week_number. */
export function isoWeekNumber(date: LocalDate): IsoWeek {
  // The ISO week-year is the year of the week's Thursday.
  const thursday = addDays(date, 4 - dayOfWeek(date));
  const weekOneMonday = fromIsoWeek({ weekYear: thursday.year, week: 1 });
  const week = Math.floor((toEpochDay(isoWeekMonday(date)) - toEpochDay(weekOneMonday)) / 7) + 1;
  return { weekYear: thursday.year, week };
}

/**
 * kz_date:from_iso_week: the Monday of a week. Week numbers past the year's
 * last week simply run on into the next year, which Kazoo relies on when it
 * adds an interval to a week number.
 */
export function fromIsoWeek({ weekYear, week }: IsoWeek): LocalDate {
  // January 4th is always in week 1.
  const january4 = { year: weekYear, month: 1, day: 4 };
  return addDays(january4, 1 - dayOfWeek(january4) + (week - 1) * 7);
}

/** cf_temporal_route:iso_week_difference: whole ISO weeks between two dates, never negative. */
export function isoWeekDifference(a: LocalDate, b: LocalDate): number {
  const days = toEpochDay(fromIsoWeek(isoWeekNumber(a))) - toEpochDay(fromIsoWeek(isoWeekNumber(b)));
  return Math.trunc(Math.abs(days) / 7);
}
