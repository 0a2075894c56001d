import { describe, expect, it } from '@jest/globals';
import { isRuleActive } from '../../../lib/temporal/isRuleActive';
import { instant, rule, weekdaysNineToFive } from './temporalRuleFixtures';

type Moment = [utc: string, local: string, active: boolean];

function judge(rules: Parameters<typeof isRuleActive>[0], timeZone: string, moments: Moment[]) {
  return moments.map(([utc, local]) => [utc, local, isRuleActive(rules, instant(utc), timeZone)]);
}

const oneToTwoAm = rule({ cycle: 'daily', time_window_start: 3600, time_window_stop: 7200, start_date: '2026-01-01' });

describe('America/New_York spring forward, Sunday 2026-03-08 (02:00 EST becomes 03:00 EDT)', () => {
  it('weekday 09:00-17:00 follows the wall clock: UTC hours shift by one from Friday to Monday', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-03-06T13:59:59Z', 'Fri 08:59:59 EST', false],
      ['2026-03-06T14:00:00Z', 'Fri 09:00:00 EST', true],
      ['2026-03-06T22:00:00Z', 'Fri 17:00:00 EST', true],
      ['2026-03-06T22:00:01Z', 'Fri 17:00:01 EST', false],
      ['2026-03-08T15:00:00Z', 'Sun 11:00:00 EDT', false],
      ['2026-03-09T12:59:59Z', 'Mon 08:59:59 EDT', false],
      ['2026-03-09T13:00:00Z', 'Mon 09:00:00 EDT', true],
      ['2026-03-09T21:00:00Z', 'Mon 17:00:00 EDT', true],
      ['2026-03-09T21:00:01Z', 'Mon 17:00:01 EDT', false],
    ];

    // Act
    const results = judge(weekdaysNineToFive(), 'America/New_York', moments);

    // Assess
    expect(results).toEqual(moments);
  });

  it('a 01:00-02:00 window lasts one hour less a second: 02:00 never happens that night', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-03-08T05:59:59Z', '00:59:59 EST', false],
      ['2026-03-08T06:00:00Z', '01:00:00 EST', true],
      ['2026-03-08T06:59:59Z', '01:59:59 EST', true],
      ['2026-03-08T07:00:00Z', '03:00:00 EDT', false],
    ];

    // Act
    const results = judge(oneToTwoAm, 'America/New_York', moments);

    // Assess
    expect(results).toEqual(moments);
  });
});

describe('America/New_York fall back, Sunday 2026-11-01 (02:00 EDT becomes 01:00 EST)', () => {
  it('weekday 09:00-17:00 follows the wall clock from Friday to Monday', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-10-30T12:59:59Z', 'Fri 08:59:59 EDT', false],
      ['2026-10-30T13:00:00Z', 'Fri 09:00:00 EDT', true],
      ['2026-10-30T21:00:00Z', 'Fri 17:00:00 EDT', true],
      ['2026-11-02T13:00:00Z', 'Mon 08:00:00 EST', false],
      ['2026-11-02T13:59:59Z', 'Mon 08:59:59 EST', false],
      ['2026-11-02T14:00:00Z', 'Mon 09:00:00 EST', true],
      ['2026-11-02T22:00:00Z', 'Mon 17:00:00 EST', true],
      ['2026-11-02T22:00:01Z', 'Mon 17:00:01 EST', false],
    ];

    // Act
    const results = judge(weekdaysNineToFive(), 'America/New_York', moments);

    // Assess
    expect(results).toEqual(moments);
  });

  it('a 01:00-02:00 window matches both passes through 01:00, and 02:00:00 EST itself', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-11-01T04:59:59Z', '00:59:59 EDT', false],
      ['2026-11-01T05:00:00Z', '01:00:00 EDT', true],
      ['2026-11-01T05:59:59Z', '01:59:59 EDT', true],
      ['2026-11-01T06:00:00Z', '01:00:00 EST', true],
      ['2026-11-01T06:59:59Z', '01:59:59 EST', true],
      ['2026-11-01T07:00:00Z', '02:00:00 EST', true],
      ['2026-11-01T07:00:01Z', '02:00:01 EST', false],
    ];

    // Act
    const results = judge(oneToTwoAm, 'America/New_York', moments);

    // Assess
    expect(results).toEqual(moments);
  });
});

describe('Europe/London, summer time from Sunday 2026-03-29 (01:00 GMT becomes 02:00 BST)', () => {
  it('weekday 09:00-17:00 is 09:00-17:00 UTC before the change and 08:00-16:00 UTC after', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-03-27T08:59:59Z', 'Fri 08:59:59 GMT', false],
      ['2026-03-27T09:00:00Z', 'Fri 09:00:00 GMT', true],
      ['2026-03-27T17:00:00Z', 'Fri 17:00:00 GMT', true],
      ['2026-03-30T07:59:59Z', 'Mon 08:59:59 BST', false],
      ['2026-03-30T08:00:00Z', 'Mon 09:00:00 BST', true],
      ['2026-03-30T16:00:00Z', 'Mon 17:00:00 BST', true],
      ['2026-03-30T16:00:01Z', 'Mon 17:00:01 BST', false],
    ];

    // Act
    const results = judge(weekdaysNineToFive(), 'Europe/London', moments);

    // Assess
    expect(results).toEqual(moments);
  });

  it('judges the weekday on the local date, which can be a day ahead of UTC', () => {
    // Prepare
    const tuesdaysFirstHour = rule({ cycle: 'weekly', wdays: ['tuesday'], time_window_stop: 3600, start_date: '2026-01-01' });

    // Act: Monday 23:30 UTC is Tuesday 00:30 BST.
    const active = isRuleActive(tuesdaysFirstHour, instant('2026-06-01T23:30:00Z'), 'Europe/London');

    // Assess
    expect(active).toBe(true);
  });
});

describe('Australia/Sydney, summer time ends Sunday 2026-04-05 (03:00 AEDT becomes 02:00 AEST)', () => {
  it('weekday 09:00-17:00 on the local date, which is a UTC Sunday for Monday morning', () => {
    // Prepare
    const moments: Moment[] = [
      ['2026-04-02T21:59:59Z', 'Fri 08:59:59 AEDT', false],
      ['2026-04-02T22:00:00Z', 'Fri 09:00:00 AEDT', true],
      ['2026-04-03T06:00:00Z', 'Fri 17:00:00 AEDT', true],
      ['2026-04-05T22:59:59Z', 'Mon 08:59:59 AEST', false],
      ['2026-04-05T23:00:00Z', 'Mon 09:00:00 AEST', true],
      ['2026-04-06T07:00:00Z', 'Mon 17:00:00 AEST', true],
      ['2026-04-06T07:00:01Z', 'Mon 17:00:01 AEST', false],
    ];

    // Act
    const results = judge(weekdaysNineToFive(), 'Australia/Sydney', moments);

    // Assess
    expect(results).toEqual(moments);
  });

  it('on the spring-forward night (2026-10-04) a 02:00-03:00 window only touches 03:00:00', () => {
    // Prepare
    const twoToThree = rule({ cycle: 'daily', time_window_start: 7200, time_window_stop: 10800, start_date: '2026-01-01' });
    const moments: Moment[] = [
      ['2026-10-03T15:59:59Z', '01:59:59 AEST', false],
      ['2026-10-03T16:00:00Z', '03:00:00 AEDT', true],
      ['2026-10-03T16:00:01Z', '03:00:01 AEDT', false],
    ];

    // Act
    const results = judge(twoToThree, 'Australia/Sydney', moments);

    // Assess
    expect(results).toEqual(moments);
  });
});
