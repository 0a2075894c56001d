import { describe, expect, it } from '@jest/globals';
import { instantAtWallClock } from '../../../lib/preview/wallClock';

const at = (y: number, m: number, d: number, hh: number, mm: number, zone: string) =>
  instantAtWallClock({ year: y, month: m, day: d }, hh * 3600 + mm * 60, zone).toISOString();

describe('a wall-clock time in a zone as an instant', () => {
  it('reads winter and summer offsets', () => {
    expect(at(2026, 1, 15, 9, 0, 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
    expect(at(2026, 7, 15, 9, 0, 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
    expect(at(2026, 7, 15, 9, 0, 'Asia/Kolkata')).toBe('2026-07-15T03:30:00.000Z');
  });

  it('moves a time the clock skips past the gap (02:30 on spring-forward day is 03:30 EDT)', () => {
    expect(at(2026, 3, 8, 2, 30, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of a time the clock shows twice (01:30 on fall-back day is 01:30 EDT)', () => {
    expect(at(2026, 11, 1, 1, 30, 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at(2026, 11, 1, 2, 30, 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
  });
});
