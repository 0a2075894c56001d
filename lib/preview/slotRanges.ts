import { SLOT_MINUTES } from './weekGrid';

/** Equal adjacent slots of one day as one stretch: [startMinute, endMinute) holding one value. */
export type SlotRange<T> = { day: number; startMinute: number; endMinute: number; value: T };

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Merges a day's slots (in time order) whose `keyOf` is equal into ranges;
 * the range keeps the first slot's value. Works on any per-slot value, so a
 * comparison of two versions can key on "old → new".
 */
export function mergeSlots<S extends { day: number; minute: number }, T>(
  slots: readonly S[],
  keyOf: (slot: S) => string,
  valueFor: (slot: S) => T,
): SlotRange<T>[] {
  const ranges: (SlotRange<T> & { key: string })[] = [];
  for (const slot of slots) {
    const key = keyOf(slot);
    const last = ranges[ranges.length - 1];
    if (last && last.day === slot.day && last.key === key && last.endMinute === slot.minute) {
      last.endMinute = slot.minute + SLOT_MINUTES;
    } else {
      ranges.push({ day: slot.day, startMinute: slot.minute, endMinute: slot.minute + SLOT_MINUTES, value: valueFor(slot), key });
    }
  }
  return ranges.map(({ key: _key, ...range }) => range);
}

/** "09:00"; the end of a day is "24:00". */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Ranges with the same times and key on several days, as lines of words:
 * "Mon–Fri 09:00–17:00: ring device a3f1…". Days run Monday first; a run of
 * three or more consecutive days is written with a dash.
 */
export function describeRanges<T>(ranges: readonly SlotRange<T>[], keyOf: (value: T) => string, words: (value: T) => string): string[] {
  const groups = new Map<string, { days: number[]; range: SlotRange<T> }>();
  for (const range of ranges) {
    const id = `${range.startMinute}-${range.endMinute}-${keyOf(range.value)}`;
    const group = groups.get(id);
    if (group) group.days.push(range.day);
    else groups.set(id, { days: [range.day], range });
  }
  return [...groups.values()]
    .sort((a, b) => a.days[0]! - b.days[0]! || a.range.startMinute - b.range.startMinute)
    .map(
      ({ days, range }) => `${formatDays(days)} ${formatMinute(range.startMinute)}–${formatMinute(range.endMinute)}: ${words(range.value)}`,
    );
}

export function formatDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${DAY_NAMES[run[0]!]}–${DAY_NAMES[run[run.length - 1]!]}`] : run.map((d) => DAY_NAMES[d]!)))
    .join(', ');
}
