import { describe, expect, it } from '@jest/globals';
import { isValidTimeZone, zonedDateTime } from '../../../lib/temporal/timeZone';
import { instant, iso } from './temporalRuleFixtures';

function wallClock(at: string, timeZone: string): string {
  const { date, secondsIntoDay } = zonedDateTime(instant(at), timeZone);
  const hh = String(Math.floor(secondsIntoDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondsIntoDay % 3600) / 60)).padStart(2, '0');
  const ss = String(secondsIntoDay % 60).padStart(2, '0');
  return `${iso(date)} ${hh}:${mm}:${ss}`;
}

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Europe/London', 'Australia/Sydney', 'America/Los_Angeles', 'UTC'])('knows %s', (zone) => {
    // Act
    const valid = isValidTimeZone(zone);

    // Assess
    expect(valid).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', 'America/Springfield', '', '  ', 'GMT+25'])('refuses %p', (zone) => {
    // Act
    const valid = isValidTimeZone(zone);

    // Assess
    expect(valid).toBe(false);
  });
});

describe('zonedDateTime: the wall clock in a zone', () => {
  it.each([
    // America/New_York springs forward on 2026-03-08 at 02:00 EST (07:00 UTC): a 23-hour day.
    ['2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08 01:59:59'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08 03:00:00'],
    // ...and falls back on 2026-11-01 at 02:00 EDT (06:00 UTC): 01:00-01:59 happens twice.
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01 01:30:00'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01 01:30:00'],
    ['2026-11-01T07:00:00Z', 'America/New_York', '2026-11-01 02:00:00'],
    // Local date ahead of the UTC date.
    ['2026-06-01T23:30:00Z', 'Europe/London', '2026-06-02 00:30:00'],
    ['2026-04-05T23:00:00Z', 'Australia/Sydney', '2026-04-06 09:00:00'],
    // Local midnight reads as 00:00:00, never 24:00:00.
    ['2026-01-15T05:00:00Z', 'America/New_York', '2026-01-15 00:00:00'],
  ])('%s in %s is %s', (at, zone, expected) => {
    // Act
    const result = wallClock(at, zone);

    // Assess
    expect(result).toBe(expected);
  });

  it('refuses an unknown zone with a RangeError naming it', () => {
    // Act
    const act = () => zonedDateTime(instant('2026-01-01T00:00:00Z'), 'Mars/Olympus_Mons');

    // Assess
    expect(act).toThrow(RangeError);
    expect(act).toThrow('unknown time zone "Mars/Olympus_Mons"');
  });
});

describe('zonedDateTime reuses a zone offset only where it holds', () => {
  /** What Intl says directly, field by field: the reference the reused offset must agree with. */
  const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
  function intlWallClock(ms: number, timeZone: string): string {
    if (!referenceFormatters.has(timeZone))
      referenceFormatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        }),
      );
    const parts = referenceFormatters.get(timeZone)!.formatToParts(ms);
    const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
    return `${f['year']}-${f['month']}-${f['day']} ${f['hour']}:${f['minute']}:${f['second']}`;
  }

  // DST both ways, a 30-minute DST shift, 45-minute and odd offsets, the southern hemisphere, a zone that skipped a day.
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/Santiago',
    'Pacific/Apia',
    'UTC',
  ];

  it.each(zones)('agrees with Intl second by second around every 2026 transition and across the year in %s', (zone) => {
    // Prepare: every 97 minutes through 2026 (crossing each transition), plus each second around the instants where the offset changes.
    const sampled: number[] = [];
    const start = Date.parse('2025-12-30T00:00:00Z');
    for (let ms = start; ms < Date.parse('2027-01-02T00:00:00Z'); ms += 97 * 60_000 + 1_001) sampled.push(ms);
    const aroundTransitions: number[] = [];
    for (let i = 1; i < sampled.length; i++) {
      const [a, b] = [sampled[i - 1]!, sampled[i]!];
      if (intlOffsetMinutes(a, zone) !== intlOffsetMinutes(b, zone)) for (let ms = a; ms <= b; ms += 1_000) aroundTransitions.push(ms);
    }
    const instants = [...sampled, ...aroundTransitions];

    // Act
    const mismatches = instants.filter((ms) => wallClock(new Date(ms).toISOString(), zone) !== intlWallClock(ms, zone));

    // Assess
    expect(mismatches.map((ms) => new Date(ms).toISOString()).slice(0, 5)).toEqual([]);
  });

  const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
  function intlOffsetMinutes(ms: number, timeZone: string): string {
    if (!offsetFormatters.has(timeZone))
      offsetFormatters.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }));
    return offsetFormatters
      .get(timeZone)!
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')!.value;
  }
});
