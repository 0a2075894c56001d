import { describe, expect, it } from '@jest/globals';
import { anyRuleActive, isRuleActive } from '../../../lib/temporal/isRuleActive';
import { gregorianSeconds, instant, rule, weekdaysNineToFive } from './temporalRuleFixtures';

const NEW_YORK = 'America/New_York';

describe('isRuleActive: start date', () => {
  it('a rule whose start date (YYYY-MM-DD) is tomorrow is not active today, and is active tomorrow', () => {
    // Prepare
    const fromTenth = rule({ cycle: 'daily', start_date: '2026-03-10' });

    // Act
    const dayBefore = isRuleActive(fromTenth, instant('2026-03-09T16:00:00Z'), NEW_YORK);
    const startDay = isRuleActive(fromTenth, instant('2026-03-10T16:00:00Z'), NEW_YORK);

    // Assess
    expect(dayBefore).toBe(false);
    expect(startDay).toBe(true);
  });

  it("reads Gregorian seconds as Kazoo's UI saves them: local midnight of the start day", () => {
    // Prepare: midnight EDT on 2026-03-10 is 04:00 UTC.
    const fromTenth = rule({ cycle: 'daily', start_date: gregorianSeconds('2026-03-10T04:00:00Z') });

    // Act
    const lastMinuteBefore = isRuleActive(fromTenth, instant('2026-03-10T03:59:00Z'), NEW_YORK);
    const firstMinute = isRuleActive(fromTenth, instant('2026-03-10T04:00:00Z'), NEW_YORK);

    // Assess
    expect(lastMinuteBefore).toBe(false);
    expect(firstMinute).toBe(true);
  });

  it('turns Gregorian seconds into a date in the route zone, not in UTC', () => {
    // Prepare: midnight in Sydney on 2026-03-02 is still March 1st in UTC.
    const fromSecond = rule({ cycle: 'daily', start_date: gregorianSeconds('2026-03-01T13:00:00Z') });

    // Act
    const sydneyMarchFirstLate = isRuleActive(fromSecond, instant('2026-03-01T12:00:00Z'), 'Australia/Sydney');
    const sydneyMarchSecondMorning = isRuleActive(fromSecond, instant('2026-03-01T20:00:00Z'), 'Australia/Sydney');

    // Assess
    expect(sydneyMarchFirstLate).toBe(false);
    expect(sydneyMarchSecondMorning).toBe(true);
  });
});

describe('isRuleActive: enabled overrides the calendar', () => {
  it('enabled: true is active outside the days and hours', () => {
    // Prepare
    const forcedOn = weekdaysNineToFive({ enabled: true });

    // Act: Sunday 03:00 in New York.
    const active = isRuleActive(forcedOn, instant('2026-03-15T07:00:00Z'), NEW_YORK);

    // Assess
    expect(active).toBe(true);
  });

  it('enabled: false is inactive inside the days and hours', () => {
    // Prepare
    const forcedOff = weekdaysNineToFive({ enabled: false });

    // Act: Wednesday noon in New York.
    const active = isRuleActive(forcedOff, instant('2026-03-11T16:00:00Z'), NEW_YORK);

    // Assess
    expect(active).toBe(false);
  });

  it('enabled: true does not bring forward a rule that has not started (Kazoo drops it first)', () => {
    // Prepare
    const forcedOnFromNextYear = weekdaysNineToFive({ enabled: true, start_date: '2027-01-01' });

    // Act
    const active = isRuleActive(forcedOnFromNextYear, instant('2026-03-11T16:00:00Z'), NEW_YORK);

    // Assess
    expect(active).toBe(false);
  });
});

describe('isRuleActive: time window, both ends included', () => {
  const nineToFive = rule({ cycle: 'daily', time_window_start: 32400, time_window_stop: 61200, start_date: '2026-01-01' });

  it.each([
    ['08:59:59', false],
    ['09:00:00', true],
    ['12:00:00', true],
    ['17:00:00', true],
    ['17:00:01', false],
  ])('at %s the rule is active: %s', (time, expected) => {
    // Act
    const active = isRuleActive(nineToFive, instant(`2026-03-11T${time}Z`), 'UTC');

    // Assess
    expect(active).toBe(expected);
  });

  it('without a window the whole day matches, from 00:00:00 to 23:59:59', () => {
    // Prepare
    const allDay = rule({ cycle: 'daily', start_date: '2026-01-01' });

    // Act
    const results = ['00:00:00', '23:59:59'].map((time) => isRuleActive(allDay, instant(`2026-03-11T${time}Z`), 'UTC'));

    // Assess
    expect(results).toEqual([true, true]);
  });

  it('an overnight window (stop before start) never matches; it takes two rules', () => {
    // Prepare
    const overnight = rule({ cycle: 'daily', time_window_start: 79200, time_window_stop: 21600, start_date: '2026-01-01' });
    const asTwoRules = [
      rule({ cycle: 'daily', time_window_start: 79200, start_date: '2026-01-01' }),
      rule({ cycle: 'daily', time_window_stop: 21600, start_date: '2026-01-01' }),
    ];
    const times = ['22:00:00', '23:00:00', '03:00:00', '06:00:00', '12:00:00'];

    // Act
    const single = times.map((time) => isRuleActive(overnight, instant(`2026-03-11T${time}Z`), 'UTC'));
    const pair = times.map((time) => anyRuleActive(asTwoRules, instant(`2026-03-11T${time}Z`), 'UTC'));

    // Assess
    expect(single).toEqual([false, false, false, false, false]);
    expect(pair).toEqual([true, true, true, true, false]);
  });
});

describe('isRuleActive: calendar cycles judged on the day', () => {
  function activeOn(days: string[], rules: Parameters<typeof isRuleActive>[0]) {
    return days.map((day) => [day, isRuleActive(rules, instant(`${day}T12:00:00Z`), 'UTC')]);
  }

  it('wdays spelled the Kazoo way: wensday is Wednesday', () => {
    // Prepare
    const wednesdays = rule({ cycle: 'weekly', wdays: ['wensday'], start_date: '2026-01-01' });

    // Act
    const results = activeOn(['2026-03-10', '2026-03-11', '2026-03-12'], wednesdays);

    // Assess
    expect(results).toEqual([
      ['2026-03-10', false],
      ['2026-03-11', true],
      ['2026-03-12', false],
    ]);
  });

  it('every 2 weeks from the start date: on weeks, off weeks', () => {
    // Prepare
    const everyOtherMonday = rule({ cycle: 'weekly', interval: 2, wdays: ['monday'], start_date: '2026-03-02' });

    // Act
    const results = activeOn(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'], everyOtherMonday);

    // Assess
    expect(results).toEqual([
      ['2026-03-02', true],
      ['2026-03-09', false],
      ['2026-03-16', true],
      ['2026-03-23', false],
      ['2026-03-30', true],
    ]);
  });

  it('every 3 months on the 15th, counted from the start month', () => {
    // Prepare
    const quarterly = rule({ cycle: 'monthly', interval: 3, days: [15], start_date: '2026-01-10' });

    // Act
    const results = activeOn(['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15', '2026-04-16'], quarterly);

    // Assess
    expect(results).toEqual([
      ['2026-01-15', true],
      ['2026-02-15', false],
      ['2026-03-15', false],
      ['2026-04-15', true],
      ['2026-04-16', false],
    ]);
  });

  it('every 3 days does not fire on its start day, as in Kazoo', () => {
    // Prepare: Kazoo searches from yesterday, a negative distance that it
    // truncates to zero, so the first occurrence it finds is start + 3.
    const everyThirdDay = rule({ cycle: 'daily', interval: 3, start_date: '2026-03-02' });

    // Act
    const results = activeOn(['2026-03-02', '2026-03-05', '2026-03-06', '2026-03-08'], everyThirdDay);

    // Assess
    expect(results).toEqual([
      ['2026-03-02', false],
      ['2026-03-05', true],
      ['2026-03-06', false],
      ['2026-03-08', true],
    ]);
  });

  it('days 29, 30 and 31 in February 2028 match the 29th and, rolled over, March 1st', () => {
    // Prepare
    const endOfMonth = rule({ cycle: 'monthly', days: [29, 30, 31], start_date: '2028-01-01' });

    // Act
    const results = activeOn(['2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02'], endOfMonth);

    // Assess
    expect(results).toEqual([
      ['2028-02-28', false],
      ['2028-02-29', true],
      ['2028-03-01', true], // "February 30th"
      ['2028-03-02', false],
    ]);
  });

  it('a yearly February 29th rule: the day itself in leap years, March 1st otherwise (Kazoo rolls it over)', () => {
    // Prepare
    const leapDay = rule({ cycle: 'yearly', month: 2, days: [29], start_date: '2024-01-01' });

    // Act
    const results = activeOn(['2028-02-29', '2028-03-01', '2027-02-28', '2027-03-01'], leapDay);

    // Assess
    expect(results).toEqual([
      ['2028-02-29', true],
      ['2028-03-01', false],
      ['2027-02-28', false],
      ['2027-03-01', true],
    ]);
  });

  it('the fifth Friday: its real days, none in February, and the Kazoo spill-over onto May 1st', () => {
    // Prepare: Fridays 2026: Jan 2..30 (five), Feb 6..27 (four), Apr 3..24
    // (four), May 1..29 (five). Kazoo counts a missing fifth Friday on into
    // the next month; that date only matches when it is the 1st (searched
    // from the last day of the short month), which happens on May 1st.
    const fifthFriday = rule({ cycle: 'monthly', ordinal: 'fifth', wdays: ['friday'], start_date: '2026-01-01' });

    // Act
    const results = activeOn(['2026-01-30', '2026-02-27', '2026-03-06', '2026-05-01', '2026-05-29'], fifthFriday);

    // Assess
    expect(results).toEqual([
      ['2026-01-30', true],
      ['2026-02-27', false],
      ['2026-03-06', false],
      ['2026-05-01', true],
      ['2026-05-29', true],
    ]);
  });

  it('a one-off date matches that day only', () => {
    // Prepare
    const christmas2026 = rule({ cycle: 'date', start_date: '2026-12-25' });

    // Act
    const results = activeOn(['2026-12-24', '2026-12-25', '2026-12-26'], christmas2026);

    // Assess
    expect(results).toEqual([
      ['2026-12-24', false],
      ['2026-12-25', true],
      ['2026-12-26', false],
    ]);
  });
});

describe('anyRuleActive', () => {
  const christmas = rule({ cycle: 'yearly', month: 12, days: [25], start_date: '2020-01-01' });
  const newYear = rule({ cycle: 'yearly', month: 1, days: [1], start_date: '2020-01-01' });

  it('is active when any rule is', () => {
    // Act
    const active = anyRuleActive([christmas, newYear], instant('2027-01-01T12:00:00Z'), 'UTC');

    // Assess
    expect(active).toBe(true);
  });

  it('is inactive when none is, and for an empty list', () => {
    // Act
    const none = anyRuleActive([christmas, newYear], instant('2027-01-02T12:00:00Z'), 'UTC');
    const empty = anyRuleActive([], instant('2027-01-01T12:00:00Z'), 'UTC');

    // Assess
    expect(none).toBe(false);
    expect(empty).toBe(false);
  });

  it('refuses an unknown time zone', () => {
    // Act
    const act = () => anyRuleActive([christmas], instant('2027-01-01T12:00:00Z'), 'Mars/Olympus_Mons');

    // Assess
    expect(act).toThrow(RangeError);
  });
});
