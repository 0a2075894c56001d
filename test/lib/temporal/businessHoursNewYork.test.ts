import { describe, expect, it } from '@jest/globals';
import { isRuleActive } from '../../../lib/temporal/isRuleActive';
import { instant, weekdaysNineToFive } from './temporalRuleFixtures';

// Weekdays 09:00-17:00 (seconds 32400..61200) in America/New_York, at fixed
// instants on both sides of every boundary: window start and stop, the
// weekend, and local dates that differ from the UTC date. January is EST
// (UTC-5), July is EDT (UTC-4).
const table: [utc: string, local: string, active: boolean][] = [
  ['2026-01-12T13:59:59Z', 'Mon 2026-01-12 08:59:59 EST', false],
  ['2026-01-12T14:00:00Z', 'Mon 2026-01-12 09:00:00 EST', true],
  ['2026-01-12T22:00:00Z', 'Mon 2026-01-12 17:00:00 EST', true],
  ['2026-01-12T22:00:01Z', 'Mon 2026-01-12 17:00:01 EST', false],
  ['2026-01-14T17:00:00Z', 'Wed 2026-01-14 12:00:00 EST', true],
  ['2026-01-16T14:00:00Z', 'Fri 2026-01-16 09:00:00 EST', true],
  ['2026-01-16T22:00:00Z', 'Fri 2026-01-16 17:00:00 EST', true],
  ['2026-01-16T22:00:01Z', 'Fri 2026-01-16 17:00:01 EST', false],
  ['2026-01-17T04:30:00Z', 'Fri 2026-01-16 23:30:00 EST (Saturday in UTC)', false],
  ['2026-01-17T14:00:00Z', 'Sat 2026-01-17 09:00:00 EST', false],
  ['2026-01-18T17:00:00Z', 'Sun 2026-01-18 12:00:00 EST', false],
  ['2026-01-19T03:00:00Z', 'Sun 2026-01-18 22:00:00 EST (Monday in UTC)', false],
  ['2026-01-19T05:00:00Z', 'Mon 2026-01-19 00:00:00 EST', false],
  ['2026-07-15T12:59:59Z', 'Wed 2026-07-15 08:59:59 EDT', false],
  ['2026-07-15T13:00:00Z', 'Wed 2026-07-15 09:00:00 EDT', true],
  ['2026-07-15T21:00:00Z', 'Wed 2026-07-15 17:00:00 EDT', true],
  ['2026-07-15T21:00:01Z', 'Wed 2026-07-15 17:00:01 EDT', false],
  ['2026-07-18T14:00:00Z', 'Sat 2026-07-18 10:00:00 EDT', false],
];

describe('weekdays 09:00-17:00 in America/New_York', () => {
  it.each(table)('%s (%s): active %s', (utc, _local, expected) => {
    // Prepare
    const businessHours = weekdaysNineToFive();

    // Act
    const active = isRuleActive(businessHours, instant(utc), 'America/New_York');

    // Assess
    expect(active).toBe(expected);
  });
});
