import { zonedDateTime } from '../temporal/timeZone';

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/**
 * The instant a wall-clock time names in an IANA zone, in epoch milliseconds. A
 * time skipped by a spring-forward gap lands after it (02:30 → 03:30); a time the
 * fall-back repeats takes its first occurrence, as iCalendar (RFC 5545 3.3.5) says.
 */
export function wallClockInstant(wall: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetAt = (instant: number) => {
    const z = zonedDateTime(new Date(instant), timeZone);
    const local = Date.UTC(z.date.year, z.date.month - 1, z.date.day) + z.secondsIntoDay * 1000;
    return local - instant;
  };
  // The offset a day before and after brackets both candidates around a change.
  const candidates = [offsetAt(asUtc - 86_400_000), offsetAt(asUtc + 86_400_000)].map((offset) => asUtc - offset);
  const exact = candidates.filter((c) => offsetAt(c) === asUtc - c).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0]!;
  // In the gap: the earlier offset carries the wall clock past it.
  return asUtc - offsetAt(asUtc - 86_400_000);
}
