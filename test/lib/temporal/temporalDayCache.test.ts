import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isRuleActive } from '../../../lib/temporal/isRuleActive';
import { TemporalDayCache } from '../../../lib/temporal/temporalDayCache';
import { ZonedClock } from '../../../lib/temporal/zonedClock';
import { gregorianSeconds, instant, rule, weekdaysNineToFive } from './temporalRuleFixtures';

/**
 * A route remembers each temporal rule's verdict for the local date it last
 * judged: whatever order requests come in, across local midnight and DST
 * changes, a cached route must answer exactly what judging from scratch answers.
 */
const RULES = [
  weekdaysNineToFive(),
  rule({ cycle: 'weekly', wdays: ['saturday', 'sunday'], interval: 2, start_date: gregorianSeconds('2026-01-03T05:00:00Z') }),
  rule({ cycle: 'monthly', days: [1, 15, 31], time_window_start: 0, time_window_stop: 3600 }),
  rule({ cycle: 'monthly', ordinal: 'last', wdays: ['friday'], time_window_start: 79200 }),
  rule({ cycle: 'yearly', month: 12, days: [25] }),
  rule({ cycle: 'daily', interval: 3, start_date: gregorianSeconds('2026-03-08T07:00:00Z') }),
  rule({ cycle: 'date', start_date: gregorianSeconds('2026-11-26T05:00:00Z') }),
  rule({ cycle: 'weekly', wdays: ['monday'], enabled: true }),
  rule({ cycle: 'weekly', wdays: ['monday'], enabled: false }),
];
const ZONES = ['America/New_York', 'Australia/Sydney', 'Europe/London', 'Asia/Kolkata'];
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-12-31T00:00:00Z');

describe('TemporalDayCache', () => {
  it('answers what judging from scratch answers, for requests in any order, any zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: FROM, max: TO }), { minLength: 1, maxLength: 40 }),
        (zone, instants) => {
          // Prepare: one cache per route, as parseRoute gives each route
          const days = new TemporalDayCache();

          for (const at of instants) {
            // Act
            const clock = new ZonedClock(new Date(at), zone, days);
            const cached = RULES.map((r) => clock.anyActive([r]));

            // Assess
            expect(cached).toEqual(RULES.map((r) => isRuleActive(r, new Date(at), zone)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changes its verdict at local midnight, not at UTC midnight', () => {
    // Prepare: weekdays 09:00-17:00 has no window at night, so use an all-day weekday rule
    const weekdaysAllDay = weekdaysNineToFive({ time_window_start: 0, time_window_stop: 86400 });
    const days = new TemporalDayCache();
    const judge = (utc: string) => new ZonedClock(instant(utc), 'America/New_York', days).anyActive([weekdaysAllDay]);

    // Act: Friday evening in New York is Saturday in UTC; then New York's own Saturday
    const fridayLate = judge('2026-01-17T04:30:00Z');
    const saturday = judge('2026-01-17T05:00:00Z');
    const fridayAgain = judge('2026-01-17T04:59:59Z');

    // Assess
    expect([fridayLate, saturday, fridayAgain]).toEqual([true, false, true]);
  });
});
