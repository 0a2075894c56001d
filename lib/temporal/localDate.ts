/**
 * A calendar date with no time zone attached: the "today" of a route's zone.
 * Arithmetic goes through a day count so that month and year borders, and
 * leap years, need no special cases.
 */

export type LocalDate = {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
};

/** ISO 8601 day of the week, as Kazoo numbers it: Monday is 1, Sunday is 7. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function localDate(year: number, month: number, day: number): LocalDate {
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_COMMON_YEAR_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = DAYS_IN_COMMON_YEAR_MONTH[month - 1];
  if (days === undefined) throw new RangeError(`month ${month} is not 1..12`);
  return days;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). Accepts any day number within the month, even 0 or 35,
 * which is how dates "spill" into the next or previous month.
 */
export function toEpochDay(date: LocalDate): number {
  const monthIndex = date.month - 1;
  const year = date.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Kazoo's kz_date:normalize: a date whose month or day overflows (Feb 30,
 * month 13, day 0) becomes the real date it spills onto, e.g. 2011-01-36 is
 * 2011-02-05. Kazoo leans on this everywhere, so it is part of the semantics.
 */
export function normalizeDate(year: number, month: number, day: number): LocalDate {
  return fromEpochDay(toEpochDay({ year, month, day }));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The same day of the month, `months` later. A day the target month lacks
 * spills over as in Kazoo (January 31st plus one month is March 3rd, or
 * March 2nd in a leap year), never clamps.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return normalizeDate(date.year, date.month + months, date.day);
}

export function dayOfWeek(date: LocalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as DayOfWeek;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

export function isSameDate(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) === 0;
}

export function formatIsoDate(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** 'YYYY-MM-DD' for a date that exists; undefined for anything else, 2027-02-29 included. */
export function parseIsoDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}
