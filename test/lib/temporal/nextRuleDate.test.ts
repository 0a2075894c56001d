import { describe, expect, it } from '@jest/globals';
import type { CalendarRule } from '../../../lib/temporal/calendarRule';
import { nextRuleDate } from '../../../lib/temporal/nextRuleDate';
import { calendar, date, iso } from './temporalRuleFixtures';

type Case = [from: string, expected: string];

function nextDates(rule: CalendarRule, cases: Case[]) {
  return cases.map(([from]) => [from, iso(nextRuleDate(rule, date(from)))]);
}

describe('nextRuleDate: date', () => {
  it('always answers the start date, even once it has passed', () => {
    // Prepare
    const christmasDay2026 = calendar({ cycle: 'date', start: '2026-12-25' });
    const cases: Case[] = [
      ['2026-06-01', '2026-12-25'],
      ['2027-01-01', '2026-12-25'],
    ];

    // Act
    const results = nextDates(christmasDay2026, cases);

    // Assess
    expect(results).toEqual(cases);
  });
});

describe('nextRuleDate: daily', () => {
  it('answers the next day, across month ends and into February 29th', () => {
    // Prepare
    const everyDay = calendar({ cycle: 'daily', start: '2026-01-01' });
    const cases: Case[] = [
      ['2026-02-28', '2026-03-01'],
      ['2026-12-31', '2027-01-01'],
      ['2028-02-28', '2028-02-29'],
    ];

    // Act
    const results = nextDates(everyDay, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('counts an interval of days from the start date', () => {
    // Prepare
    const everyThirdDay = calendar({ cycle: 'daily', interval: 3, start: '2026-03-02' });
    const cases: Case[] = [
      ['2026-03-02', '2026-03-05'],
      ['2026-03-04', '2026-03-05'],
      ['2026-03-05', '2026-03-08'],
      // Kazoo truncates the negative distance to zero here, so searching from
      // the day before the start skips the start day itself.
      ['2026-03-01', '2026-03-05'],
    ];

    // Act
    const results = nextDates(everyThirdDay, cases);

    // Assess
    expect(results).toEqual(cases);
  });
});

describe('nextRuleDate: weekly', () => {
  it('counts the search date itself when it is one of the weekdays', () => {
    // Prepare
    const weekdays = calendar({
      cycle: 'weekly',
      wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      start: '2026-01-01',
    });
    const cases: Case[] = [
      ['2026-03-06', '2026-03-06'], // Friday: today counts
      ['2026-03-07', '2026-03-09'], // Saturday: on to Monday
      ['2026-03-08', '2026-03-09'],
    ];

    // Act
    const results = nextDates(weekdays, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('treats no weekdays as all seven', () => {
    // Prepare
    const anyDay = calendar({ cycle: 'weekly', wdays: [], start: '2026-01-01' });

    // Act
    const result = nextRuleDate(anyDay, date('2026-03-08'));

    // Assess
    expect(iso(result)).toBe('2026-03-08');
  });

  it('every 2 weeks counts ISO weeks from the start date', () => {
    // Prepare
    const everyOtherMonday = calendar({ cycle: 'weekly', interval: 2, wdays: ['monday'], start: '2026-03-02' });
    const cases: Case[] = [
      ['2026-03-02', '2026-03-02'],
      ['2026-03-03', '2026-03-16'],
      ['2026-03-09', '2026-03-16'], // a Monday of an off week
      ['2026-03-16', '2026-03-16'],
      ['2026-03-17', '2026-03-30'],
    ];

    // Act
    const results = nextDates(everyOtherMonday, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('every 2 weeks from a mid-week start skips the days of the first week before the start', () => {
    // Prepare
    const everyOtherMondayAndFriday = calendar({
      cycle: 'weekly',
      interval: 2,
      wdays: ['monday', 'friday'],
      start: '2026-03-04', // a Wednesday
    });
    const cases: Case[] = [
      ['2026-03-02', '2026-03-06'], // that Monday is before the start
      ['2026-03-04', '2026-03-06'],
      ['2026-03-07', '2026-03-16'],
      ['2026-03-20', '2026-03-20'],
      ['2026-03-21', '2026-03-30'],
    ];

    // Act
    const results = nextDates(everyOtherMondayAndFriday, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('every 2 weeks keeps counting across a year with 53 ISO weeks', () => {
    // Prepare: 2026-12-28 is a Monday in week 2026-W53, so 2027-01-04 is one week on.
    const everyOtherMonday = calendar({ cycle: 'weekly', interval: 2, wdays: ['monday'], start: '2026-12-28' });
    const cases: Case[] = [
      ['2027-01-04', '2027-01-11'],
      ['2027-01-11', '2027-01-11'],
    ];

    // Act
    const results = nextDates(everyOtherMonday, cases);

    // Assess
    expect(results).toEqual(cases);
  });
});

describe('nextRuleDate: monthly by day of the month', () => {
  it('answers the next listed day, this month or next', () => {
    // Prepare
    const firstAndFifteenth = calendar({ cycle: 'monthly', days: [1, 15], start: '2026-01-01' });
    const cases: Case[] = [
      ['2026-01-14', '2026-01-15'],
      ['2026-01-15', '2026-02-01'],
      ['2026-12-15', '2027-01-01'],
    ];

    // Act
    const results = nextDates(firstAndFifteenth, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('every 3 months counts months from the start month, whatever its day', () => {
    // Prepare
    const quarterly = calendar({ cycle: 'monthly', interval: 3, days: [15], start: '2026-01-10' });
    const cases: Case[] = [
      ['2026-01-14', '2026-01-15'],
      ['2026-01-15', '2026-04-15'],
      ['2026-02-20', '2026-04-15'], // February is an off month
      ['2026-04-14', '2026-04-15'],
      ['2026-10-15', '2027-01-15'],
    ];

    // Act
    const results = nextDates(quarterly, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('rolls a day the month lacks over into the next month, as Kazoo does', () => {
    // Prepare
    const thirtyFirst = calendar({ cycle: 'monthly', days: [31], start: '2026-01-01' });

    // Act
    const result = nextRuleDate(thirtyFirst, date('2026-04-01'));

    // Assess: "April 31st" is May 1st.
    expect(iso(result)).toBe('2026-05-01');
  });

  it('days 29, 30 and 31 in February 2028: the 29th, then the rolled-over 30th (March 1st)', () => {
    // Prepare
    const endOfMonth = calendar({ cycle: 'monthly', days: [29, 30, 31], start: '2028-01-01' });
    const cases: Case[] = [
      ['2028-02-28', '2028-02-29'],
      ['2028-02-29', '2028-03-01'],
      ['2028-03-01', '2028-03-29'],
    ];

    // Act
    const results = nextDates(endOfMonth, cases);

    // Assess
    expect(results).toEqual(cases);
  });
});

describe('nextRuleDate: monthly by weekday', () => {
  // March 2026 starts on a Sunday.
  it.each([
    ['first', 'monday', '2026-03-02'],
    ['second', 'tuesday', '2026-03-10'],
    ['third', 'wednesday', '2026-03-18'],
    ['fourth', 'thursday', '2026-03-26'],
    ['fifth', 'tuesday', '2026-03-31'],
    ['last', 'sunday', '2026-03-29'],
  ] as const)('the %s %s of March 2026 is %s', (ordinal, weekday, expected) => {
    // Prepare
    const monthly = calendar({ cycle: 'monthly', ordinal, wdays: [weekday], start: '2026-01-01' });

    // Act
    const result = nextRuleDate(monthly, date('2026-03-01'));

    // Assess
    expect(iso(result)).toBe(expected);
  });

  it('finds the fifth Friday in a month that has one', () => {
    // Prepare: May 2026 has Fridays 1, 8, 15, 22, 29.
    const fifthFriday = calendar({ cycle: 'monthly', ordinal: 'fifth', wdays: ['friday'], start: '2026-01-01' });

    // Act
    const result = nextRuleDate(fifthFriday, date('2026-05-01'));

    // Assess
    expect(iso(result)).toBe('2026-05-29');
  });

  it('in a month with no fifth Friday, counts on into the next month as Kazoo does', () => {
    // Prepare: February 2026 has Fridays 6, 13, 20, 27; a fifth step lands on March 6th.
    const fifthFriday = calendar({ cycle: 'monthly', ordinal: 'fifth', wdays: ['friday'], start: '2026-01-01' });
    const cases: Case[] = [
      ['2026-02-01', '2026-03-06'],
      ['2026-02-27', '2026-03-06'],
    ];

    // Act
    const results = nextDates(fifthFriday, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('the last Friday is the fourth when there is no fifth', () => {
    // Prepare
    const lastFriday = calendar({ cycle: 'monthly', ordinal: 'last', wdays: ['friday'], start: '2026-01-01' });
    const cases: Case[] = [
      ['2026-02-01', '2026-02-27'],
      ['2026-02-27', '2026-03-27'],
      ['2026-05-01', '2026-05-29'],
    ];

    // Act
    const results = nextDates(lastFriday, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('every Friday of every other month jumps from the last Friday to the first Friday two months on', () => {
    // Prepare
    const fridaysEveryOtherMonth = calendar({
      cycle: 'monthly',
      interval: 2,
      ordinal: 'every',
      wdays: ['friday'],
      start: '2026-01-01',
    });
    const cases: Case[] = [
      ['2026-01-29', '2026-01-30'],
      ['2026-01-30', '2026-03-06'],
    ];

    // Act
    const results = nextDates(fridaysEveryOtherMonth, cases);

    // Assess
    expect(results).toEqual(cases);
  });
});

describe('nextRuleDate: yearly', () => {
  it('by month and day', () => {
    // Prepare
    const christmas = calendar({ cycle: 'yearly', month: 12, days: [25], start: '2026-01-01' });
    const cases: Case[] = [
      ['2026-06-01', '2026-12-25'],
      ['2026-12-24', '2026-12-25'],
      ['2026-12-25', '2027-12-25'],
    ];

    // Act
    const results = nextDates(christmas, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it('every 2 years from the start year', () => {
    // Prepare
    const christmasEveryOtherYear = calendar({ cycle: 'yearly', interval: 2, month: 12, days: [25], start: '2026-01-01' });

    // Act
    const result = nextRuleDate(christmasEveryOtherYear, date('2026-12-25'));

    // Assess
    expect(iso(result)).toBe('2028-12-25');
  });

  it('February 29th: the real day in leap years, March 1st in the others (Kazoo rolls it over)', () => {
    // Prepare
    const leapDay = calendar({ cycle: 'yearly', month: 2, days: [29], start: '2024-01-01' });
    const cases: Case[] = [
      ['2028-02-28', '2028-02-29'],
      ['2026-02-28', '2026-03-01'],
      ['2028-02-29', '2029-03-01'],
    ];

    // Act
    const results = nextDates(leapDay, cases);

    // Assess
    expect(results).toEqual(cases);
  });

  it.each([
    ['fourth Thursday of November', 'fourth', 'thursday', 11, '2026-01-01', '2026-11-26'],
    ['fourth Thursday of November, once passed', 'fourth', 'thursday', 11, '2026-11-26', '2027-11-25'],
    ['last Monday of May', 'last', 'monday', 5, '2026-01-01', '2026-05-25'],
    ['last Monday of May, once passed', 'last', 'monday', 5, '2026-05-25', '2027-05-31'],
    ['every Monday of April', 'every', 'monday', 4, '2026-04-06', '2026-04-13'],
    ['fifth Friday of May', 'fifth', 'friday', 5, '2026-01-01', '2026-05-29'],
    // 2027, 2028 and 2029 have only four Fridays in May: those years are skipped.
    ['fifth Friday of May, once passed', 'fifth', 'friday', 5, '2026-05-29', '2030-05-31'],
  ] as const)('the %s', (_name, ordinal, weekday, month, from, expected) => {
    // Prepare
    const yearly = calendar({ cycle: 'yearly', ordinal, wdays: [weekday], month, start: '2026-01-01' });

    // Act
    const result = nextRuleDate(yearly, date(from));

    // Assess
    expect(iso(result)).toBe(expected);
  });

  it('gives up on an occurrence that no active year has, answering a date centuries ahead', () => {
    // Prepare: a fifth Monday in February needs a leap year, and every other
    // year from 2027 never is one. Kazoo loops forever on this rule.
    const impossible = calendar({
      cycle: 'yearly',
      interval: 2,
      ordinal: 'fifth',
      wdays: ['monday'],
      month: 2,
      start: '2027-01-01',
    });

    // Act
    const result = nextRuleDate(impossible, date('2027-03-01'));

    // Assess
    expect(result.year).toBeGreaterThan(2800);
  });
});
