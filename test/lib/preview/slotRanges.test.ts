import { describe, expect, it } from '@jest/globals';
import { describeRanges, formatDays, formatMinute, mergeSlots } from '../../../lib/preview/slotRanges';

describe('merging quarter hours into ranges', () => {
  it('merges equal neighbours of one day and never across days', () => {
    // Prepare: Monday 23:30, 23:45 and Tuesday 00:00 all say the same.
    const slots = [
      { day: 0, minute: 1410, v: 'a' },
      { day: 0, minute: 1425, v: 'a' },
      { day: 1, minute: 0, v: 'a' },
      { day: 1, minute: 15, v: 'b' },
    ];

    // Act
    const ranges = mergeSlots(
      slots,
      (s) => s.v,
      (s) => s.v,
    );

    // Assess
    expect(ranges).toEqual([
      { day: 0, startMinute: 1410, endMinute: 1440, value: 'a' },
      { day: 1, startMinute: 0, endMinute: 15, value: 'a' },
      { day: 1, startMinute: 15, endMinute: 30, value: 'b' },
    ]);
  });

  it('keys on any per-slot value, e.g. a change between two versions', () => {
    // Prepare
    const slots = [0, 15, 30, 45].map((minute) => ({ day: 2, minute, before: 'desk', after: minute < 30 ? 'desk' : 'voicemail' }));

    // Act
    const changed = mergeSlots(
      slots.filter((s) => s.before !== s.after),
      (s) => `${s.before}→${s.after}`,
      (s) => `${s.before} → ${s.after}`,
    );

    // Assess
    expect(
      describeRanges(
        changed,
        (v) => v,
        (v) => v,
      ),
    ).toEqual(['Wed 00:30–01:00: desk → voicemail']);
  });

  it('writes days as runs: three or more with a dash, fewer one by one', () => {
    expect(formatDays([0, 1, 2, 3, 4])).toBe('Mon–Fri');
    expect(formatDays([5, 6])).toBe('Sat, Sun');
    expect(formatDays([0, 2, 4, 5, 6])).toBe('Mon, Wed, Fri–Sun');
    expect(formatMinute(1440)).toBe('24:00');
  });
});
