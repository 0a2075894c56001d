/**
 * The points where cf_temporal_route (Kazoo's own code) decides a rule's meaning,
 * each checked here: kept where Kazoo's behaviour is the contract, refused where
 * Kazoo would crash, and one deliberate difference (days as a set).
 */
import { describe, expect, it } from '@jest/globals';
import { isRuleActive } from '../../../lib/temporal/isRuleActive';
import { temporalRuleSchema } from '../../../lib/temporal/temporalRuleSchema';
import { instant, rule } from './temporalRuleFixtures';

const NEW_YORK = 'America/New_York';

describe('clock times beside seconds', () => {
  it.each([
    ['09:00', 32_400],
    ['17:30', 63_000],
    ['17:30:15', 63_015],
    ['24:00', 86_400],
    [61_200, 61_200],
  ])('reads %p as %p seconds into the day', (written, seconds) => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'daily', time_window_start: written, time_window_stop: written });

    // Assess
    expect(parsed.timeWindowStart).toBe(seconds);
    expect(parsed.timeWindowStop).toBe(seconds);
  });

  it.each(['9:00', '25:00', '24:01', '12:60', 'noon', '12:00:00.5'])('refuses %p naming the field', (written) => {
    // Act
    const result = temporalRuleSchema.safeParse({ cycle: 'daily', time_window_start: written });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['time_window_start'], message: expect.stringMatching(/time of day/) });
  });

  it('a rule written with clock times matches exactly like the one written in seconds', () => {
    // Prepare
    const clock = rule({ cycle: 'weekly', wdays: ['monday'], time_window_start: '09:30', time_window_stop: '17:00' });
    const seconds = rule({ cycle: 'weekly', wdays: ['monday'], time_window_start: 34_200, time_window_stop: 61_200 });

    // Act: Monday 2026-07-13 09:30 EDT is 13:30 UTC; 09:29:59 just before.
    const verdicts = ['2026-07-13T13:29:59Z', '2026-07-13T13:30:00Z', '2026-07-13T21:00:00Z', '2026-07-13T21:00:01Z'].map((t) => [
      isRuleActive(clock, instant(t), NEW_YORK),
      isRuleActive(seconds, instant(t), NEW_YORK),
    ]);

    // Assess
    expect(verdicts).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
  });
});

describe("cf_temporal_route's window arithmetic", () => {
  it('a date rule stopping at 86400 still holds at 00:00:00 of the next day, as in Kazoo, and not a second later', () => {
    // Prepare: Kazoo compares local seconds with BaseTime + TStop, BaseTime being the rule's date.
    const newYearsEve = rule({ cycle: 'date', start_date: '2026-12-31', time_window_start: '18:00', time_window_stop: 86_400 });

    // Act: midnight EST is 05:00 UTC.
    const atMidnight = isRuleActive(newYearsEve, instant('2027-01-01T05:00:00Z'), NEW_YORK);
    const secondAfter = isRuleActive(newYearsEve, instant('2027-01-01T05:00:01Z'), NEW_YORK);
    const eveningBefore = isRuleActive(newYearsEve, instant('2026-12-31T23:30:00Z'), NEW_YORK);

    // Assess
    expect(atMidnight).toBe(true);
    expect(secondAfter).toBe(false);
    expect(eveningBefore).toBe(true);
  });

  it('a window that stops before it starts never matches on its own (the hours condition splits overnight ranges)', () => {
    // Prepare
    const backwards = rule({ cycle: 'daily', time_window_start: '22:00', time_window_stop: '06:00' });

    // Act
    const verdicts = ['2026-07-14T03:00:00Z', '2026-07-14T08:00:00Z', '2026-07-14T16:00:00Z'].map((t) =>
      isRuleActive(backwards, instant(t), NEW_YORK),
    );

    // Assess
    expect(verdicts).toEqual([false, false, false]);
  });
});

describe('days and weekdays as Kazoo would read them', () => {
  it('treats days written out of order as the set written (a deliberate difference: Kazoo skips the 9th of [21, 9])', () => {
    // Prepare
    const outOfOrder = rule({ cycle: 'monthly', days: [21, 9], start_date: '2026-01-01' });

    // Act: noon in New York on the 9th and on the 21st of May 2026.
    const ninth = isRuleActive(outOfOrder, instant('2026-05-09T16:00:00Z'), NEW_YORK);
    const twentyFirst = isRuleActive(outOfOrder, instant('2026-05-21T16:00:00Z'), NEW_YORK);

    // Assess
    expect(outOfOrder.days).toEqual([9, 21]);
    expect([ninth, twentyFirst]).toEqual([true, true]);
  });

  it('with [31, 21] written, the 21st of May is still a day of the rule (Kazoo, searching from May 11, jumps to May 31)', () => {
    // Prepare
    const outOfOrder = rule({ cycle: 'monthly', days: [31, 21], start_date: '2026-01-01' });

    // Act
    const verdicts = ['2026-05-21T16:00:00Z', '2026-05-31T16:00:00Z', '2026-05-20T16:00:00Z'].map((t) =>
      isRuleActive(outOfOrder, instant(t), NEW_YORK),
    );

    // Assess
    expect(verdicts).toEqual([true, true, false]);
  });

  it.each(['monthly', 'yearly'] as const)('refuses a repeated weekday in a %s weekday rule (Kazoo crashes on it)', (cycle) => {
    // Act
    const result = temporalRuleSchema.safeParse({ cycle, ordinal: 'last', wdays: ['friday', 'friday'], month: 11 });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['wdays'], message: expect.stringMatching(/repeats "friday"/) });
  });

  it('accepts a repeated weekday in a weekly rule, where Kazoo copes, and reads it once', () => {
    // Act
    const parsed = temporalRuleSchema.parse({ cycle: 'weekly', wdays: ['friday', 'friday'] });

    // Assess
    expect(parsed.wdays).toEqual(['friday']);
  });
});
