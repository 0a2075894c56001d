import { describe, expect, it } from '@jest/globals';
import type { RouteValidationError } from '../../../lib/errors';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { anyRuleActive } from '../../../lib/temporal/isRuleActive';
import { weeklyHoursSchema } from '../../../lib/temporal/weeklyHours';
import { instant } from './temporalRuleFixtures';

const NEW_YORK = 'America/New_York';
const open = (hours: unknown, at: string) => anyRuleActive(weeklyHoursSchema.parse(hours), instant(at), NEW_YORK);

describe('the hours condition', () => {
  it.each([
    ['Monday 09:00 EST', '2026-11-23T14:00:00Z', true],
    ['Monday 08:59:59 EST', '2026-11-23T13:59:59Z', false],
    ['Friday 17:00 EST (both ends included, as in Kazoo)', '2026-11-27T22:00:00Z', true],
    ['Friday 17:00:01 EST', '2026-11-27T22:00:01Z', false],
    ['Saturday 10:00 EST', '2026-11-28T15:00:00Z', true],
    ['Saturday 14:30 EST', '2026-11-28T19:30:00Z', false],
    ['Sunday noon', '2026-11-29T17:00:00Z', false],
  ])('a shop week: %s', (_when, at, expected) => {
    expect(open({ 'mon-fri': '09:00-17:00', sat: '10:00-14:00' }, at)).toBe(expected);
  });

  it.each([
    ['Friday 21:59 (before)', '2026-11-28T02:59:00Z', false],
    ['Friday 22:00', '2026-11-28T03:00:00Z', true],
    ['Saturday 00:00:00 (the second rule takes over)', '2026-11-28T05:00:00Z', true],
    ['Saturday 06:00', '2026-11-28T11:00:00Z', true],
    ['Saturday 06:00:01', '2026-11-28T11:00:01Z', false],
    ['Thursday 03:00 (no Wednesday night listed)', '2026-11-26T08:00:00Z', false],
  ])('an overnight range "fri": "22:00-06:00", unsplit by the author: %s', (_when, at, expected) => {
    expect(open({ fri: '22:00-06:00' }, at)).toBe(expected);
  });

  it('reads lists, commas, wrapping ranges and "daily"', () => {
    // Act
    const [split] = [
      weeklyHoursSchema.parse({ 'sat,sun': ['09:00-12:00', '13:00-17:00'], 'fri-mon': '20:00-21:00', daily: '00:00-01:00' }),
    ];

    // Assess
    expect(split.map((r) => [r.wdays.length, r.timeWindowStart, r.timeWindowStop])).toEqual([
      [2, 32_400, 43_200],
      [2, 46_800, 61_200],
      [4, 72_000, 75_600],
      [7, 0, 3_600],
    ]);
  });

  it('names the day key or the range at fault in a route', () => {
    // Prepare
    const route = {
      id: 'typos',
      timezone: NEW_YORK,
      rules: [
        { name: 'open', when: { hours: { 'mon-fry': '09:00-17:00', sat: ['10:00-14:00', '9-5'] } }, then: { module: 'hangup', data: {} } },
      ],
    };

    // Act
    let error: RouteValidationError | undefined;
    try {
      parseRoute(route);
    } catch (e) {
      error = e as RouteValidationError;
    }

    // Assess
    expect(error?.issues).toEqual([
      { path: 'rules.0(open).when.hours.mon-fry', message: expect.stringContaining('"mon-fry" is not a set of days') },
      { path: 'rules.0(open).when.hours.sat.1', message: expect.stringContaining('"9-5" is not a range "09:00-17:00"') },
    ]);
  });
});
