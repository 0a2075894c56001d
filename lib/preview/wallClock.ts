import { toEpochDay, type LocalDate } from '../temporal/localDate';
import { zonedDateTime } from '../temporal/timeZone';

/**
 * The instant a wall clock in `timeZone` shows `date` at `secondsIntoDay`.
 * A time the clock skips (spring forward) resolves to the same distance past
 * the gap, a time it shows twice (fall back) to the first showing, like
 * Temporal's "compatible" disambiguation.
 */
export function instantAtWallClock(date: LocalDate, secondsIntoDay: number, timeZone: string): Date {
  const wallAsUtc = (toEpochDay(date) * 86_400 + secondsIntoDay) * 1000;
  const offsetAt = (ms: number) => wallSecondsAt(new Date(ms), timeZone) * 1000 - ms;
  // The offsets a day either side of the guess (zones change offset at most once in a day):
  // trying the earlier first finds the first showing of a time the clock shows twice.
  const before = offsetAt(wallAsUtc - 86_400_000);
  const after = offsetAt(wallAsUtc + 86_400_000);
  const candidates = [wallAsUtc - before, wallAsUtc - after].sort((a, b) => a - b);
  for (const ms of candidates) {
    if (wallSecondsAt(new Date(ms), timeZone) * 1000 === wallAsUtc) return new Date(ms);
  }
  // In a gap neither offset lands on the wall time: keep the distance, on the later offset.
  return new Date(wallAsUtc - before);
}

function wallSecondsAt(instant: Date, timeZone: string): number {
  const z = zonedDateTime(instant, timeZone);
  return toEpochDay(z.date) * 86_400 + z.secondsIntoDay;
}
