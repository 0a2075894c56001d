import { describe, expect, it } from '@jest/globals';
import {
  gregorianSecondsFromDate,
  instantFromGregorianSeconds,
  gregorianSecondsFromInstant,
  utcDateFromGregorianSeconds,
} from '../../../lib/temporal/gregorianSeconds';
import { fromIsoWeek, isoWeekDifference, isoWeekNumber } from '../../../lib/temporal/isoWeek';
import { addDays, addMonths, dayOfWeek, daysInMonth, normalizeDate, parseIsoDate } from '../../../lib/temporal/localDate';
import { date, gregorianSeconds, iso } from './temporalRuleFixtures';

describe('local calendar dates', () => {
  it.each([
    ['2026-03-08', 7], // the US spring-forward Sunday
    ['2026-03-09', 1],
    ['2000-01-01', 6],
    ['2028-02-29', 2],
  ])('%s is ISO weekday %i (Monday 1 .. Sunday 7)', (day, expected) => {
    // Act
    const weekday = dayOfWeek(date(day));

    // Assess
    expect(weekday).toBe(expected);
  });

  it.each([
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28], // divisible by 100, not by 400
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => {
    // Act
    const days = daysInMonth(year, month);

    // Assess
    expect(days).toBe(expected);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s', (from, days, expected) => {
    // Act
    const result = addDays(date(from), days);

    // Assess
    expect(iso(result)).toBe(expected);
  });

  it.each([
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-01-31', 1, '2026-03-03'], // Kazoo spills the missing February 29-31 into March
    ['2028-01-31', 1, '2028-03-02'],
    ['2026-03-15', -3, '2025-12-15'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    // Act
    const result = addMonths(date(from), months);

    // Assess
    expect(iso(result)).toBe(expected);
  });

  it("rolls impossible dates over the way Kazoo's kz_date:normalize does", () => {
    // Act
    const rolled = [normalizeDate(2011, 1, 36), normalizeDate(2026, 2, 30), normalizeDate(2026, 13, 1), normalizeDate(2026, 0, 31)];

    // Assess
    expect(rolled.map(iso)).toEqual(['2011-02-05', '2026-03-02', '2027-01-01', '2025-12-31']);
  });

  it('reads only real dates written YYYY-MM-DD', () => {
    // Act
    const results = ['2028-02-29', '2027-02-29', '2026-13-01', '2026-3-8', '20260308'].map(parseIsoDate);

    // Assess
    expect(results).toEqual([{ year: 2028, month: 2, day: 29 }, undefined, undefined, undefined, undefined]);
  });
});

describe('ISO weeks as Kazoo counts them', () => {
  it.each([
    ['2011-01-01', 2010, 52], // a Saturday still in the previous year's last week
    ['2010-01-03', 2009, 53],
    ['2026-12-28', 2026, 53], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-01-03', 2026, 53],
    ['2008-12-29', 2009, 1], // a December Monday already in next year's week 1
    ['2026-03-09', 2026, 11],
  ])('%s is in week %i-W%i', (day, weekYear, week) => {
    // Act
    const result = isoWeekNumber(date(day));

    // Assess
    expect(result).toEqual({ weekYear, week });
  });

  it('gives the Monday of a week, running week numbers past the year end into the next year', () => {
    // Act
    const mondays = [fromIsoWeek({ weekYear: 2026, week: 11 }), fromIsoWeek({ weekYear: 2010, week: 54 })];

    // Assess
    expect(mondays.map(iso)).toEqual(['2026-03-09', '2011-01-10']);
  });

  it('counts whole weeks between two dates Monday to Monday, in either order', () => {
    // Act
    const differences = [
      isoWeekDifference(date('2026-12-27'), date('2026-12-28')), // a Sunday and the next day: one week
      isoWeekDifference(date('2027-01-04'), date('2026-12-27')), // across 2026's week 53
      isoWeekDifference(date('2026-03-02'), date('2026-03-08')), // same week
      isoWeekDifference(date('2026-03-08'), date('2026-03-30')),
    ];

    // Assess
    expect(differences).toEqual([1, 2, 0, 4]);
  });
});

describe('Gregorian seconds', () => {
  it("reads Kazoo's default start_date as 1983-04-11 08:00 UTC (midnight in Los Angeles)", () => {
    // Act
    const result = instantFromGregorianSeconds(62586115200);

    // Assess
    expect(result.toISOString()).toBe('1983-04-11T08:00:00.000Z');
  });

  it('turns an instant into Gregorian seconds and back', () => {
    // Prepare
    const moment = new Date('2026-03-08T07:00:00Z');

    // Act
    const seconds = gregorianSecondsFromInstant(moment);

    // Assess
    expect(seconds).toBe(gregorianSeconds('2026-03-08T07:00:00Z'));
    expect(instantFromGregorianSeconds(seconds).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('gives the seconds of a date at UTC midnight and the UTC date of any second', () => {
    // Act
    const seconds = gregorianSecondsFromDate(date('2028-02-29'));
    const lastSecondOfDay = utcDateFromGregorianSeconds(seconds + 86399);

    // Assess
    expect(seconds).toBe(gregorianSeconds('2028-02-29T00:00:00Z'));
    expect(iso(lastSecondOfDay)).toBe('2028-02-29');
  });
});
