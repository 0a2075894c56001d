import { describe, expect, it } from '@jest/globals';
import { temporalRuleSchema } from '../../../lib/temporal/temporalRuleSchema';

function firstIssue(input: unknown) {
  const result = temporalRuleSchema.safeParse(input);
  if (result.success) throw new Error('expected the rule to be refused');
  const [issue] = result.error.issues;
  return { path: issue?.path.join('.'), message: issue?.message ?? '' };
}

describe('temporalRuleSchema: what a hand-written rule means', () => {
  it('fills in Kazoo defaults for everything but the cycle', () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'daily' });

    // Assess
    expect(parsed).toEqual({
      name: undefined,
      cycle: 'daily',
      interval: 1,
      days: [],
      // Kazoo: no weekdays listed means all seven.
      wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
      ordinal: 'first',
      month: 1,
      // Kazoo's schema default, 1983-04-11 at midnight in Los Angeles.
      start: { kind: 'gregorian-seconds', seconds: 62586115200 },
      timeWindowStart: 0,
      timeWindowStop: 86400,
      enabled: undefined,
    });
  });

  it("reads Kazoo's 'wensday' as wednesday, and sorts weekdays Monday first without repeats", () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'weekly', wdays: ['friday', 'wensday', 'monday', 'wednesday'] });

    // Assess
    expect(parsed.wdays).toEqual(['monday', 'wednesday', 'friday']);
  });

  it('sorts days of the month and drops repeats', () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'monthly', days: [15, 1, 15, 31] });

    // Assess
    expect(parsed.days).toEqual([1, 15, 31]);
  });

  it('takes start_date as Gregorian seconds, as Kazoo stores it', () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'daily', start_date: 63944985600 });

    // Assess
    expect(parsed.start).toEqual({ kind: 'gregorian-seconds', seconds: 63944985600 });
  });

  it('takes start_date as a local date written YYYY-MM-DD', () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'daily', start_date: '2028-02-29' });

    // Assess
    expect(parsed.start).toEqual({ kind: 'local-date', date: { year: 2028, month: 2, day: 29 } });
  });

  it("accepts a rule as Kazoo's API returns it, id and flags included", () => {
    // Prepare
    const fromKazoo = {
      id: '3a6f9b1c2d4e5f60718293a4b5c6d7e8',
      name: 'Christmas',
      cycle: 'yearly',
      month: 12,
      days: [25],
      interval: 1,
      start_date: 62586115200,
      time_window_start: 0,
      time_window_stop: 86400,
      flags: ['holiday'],
    };

    // Act
    const parsed = temporalRuleSchema.parse(fromKazoo);

    // Assess
    expect(parsed).toMatchObject({ name: 'Christmas', cycle: 'yearly', month: 12, days: [25] });
  });
});

describe('temporalRuleSchema: mistakes are refused with the field named', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['no cycle', { name: 'x' }, 'cycle', /^cycle must be one of date, daily, weekly, monthly, yearly/],
    ['an unknown cycle', { cycle: 'hourly' }, 'cycle', /^cycle must be one of/],
    ['interval 0', { cycle: 'daily', interval: 0 }, 'interval', /^interval must be a whole number of at least 1/],
    ['a fractional interval', { cycle: 'daily', interval: 1.5 }, 'interval', /^interval must/],
    ['day 0', { cycle: 'monthly', days: [0] }, 'days.0', /^days must list days of the month/],
    ['day 32', { cycle: 'monthly', days: [32] }, 'days.0', /^days must list days of the month/],
    ['a misspelt weekday', { cycle: 'weekly', wdays: ['funday'] }, 'wdays.0', /^wdays must list weekday names/],
    ['an unknown ordinal', { cycle: 'monthly', ordinal: 'sixth', wdays: ['friday'] }, 'ordinal', /^ordinal must be one of/],
    ['month 13', { cycle: 'yearly', month: 13, days: [1] }, 'month', /^month must be a whole number from 1 to 12/],
    ['a start date that does not exist', { cycle: 'daily', start_date: '2027-02-29' }, 'start_date', /^start_date must be/],
    ['a start date in another format', { cycle: 'daily', start_date: '03/08/2026' }, 'start_date', /^start_date must be/],
    ['negative Gregorian seconds', { cycle: 'daily', start_date: -1 }, 'start_date', /^start_date must be/],
    ['a window past midnight', { cycle: 'daily', time_window_stop: 86401 }, 'time_window_stop', /^time_window_stop must be a time of day/],
    ['a negative window start', { cycle: 'daily', time_window_start: -60 }, 'time_window_start', /^time_window_start must be/],
    ['enabled as text', { cycle: 'daily', enabled: 'yes' }, 'enabled', /^enabled must be true or false/],
    ['a typo in a field name', { cycle: 'weekly', wday: ['monday'] }, '', /^unknown field "wday"/],
  ];

  it.each(cases)('%s', (_name, input, path, message) => {
    // Act
    const issue = firstIssue(input);

    // Assess
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it('refuses a monthly weekday rule with two weekdays (Kazoo takes exactly one)', () => {
    // Act
    const issue = firstIssue({ cycle: 'monthly', ordinal: 'first', wdays: ['monday', 'friday'] });

    // Assess
    expect(issue).toEqual({
      path: 'wdays',
      message: 'wdays must name exactly one weekday for a monthly rule without days (or give days instead)',
    });
  });

  it('refuses a yearly rule with neither days nor a weekday', () => {
    // Act
    const issue = firstIssue({ cycle: 'yearly', month: 5 });

    // Assess
    expect(issue.path).toBe('wdays');
  });

  it('accepts a window whose stop is before its start, as Kazoo does (it simply never matches)', () => {
    // Act
    const result = temporalRuleSchema.safeParse({ cycle: 'daily', time_window_start: 79200, time_window_stop: 21600 });

    // Assess
    expect(result.success).toBe(true);
  });
});
