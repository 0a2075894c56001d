import { zonedDateTime } from '../temporal/timeZone';

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/**
 * The instant a wall-clock time names in an IANA zone, in epoch milliseconds. A
 * time skipped by a spring-forward gap lands after it (02:30 → 03:30); a time the
 * fall-back repeats takes its first occurrence, as iCalendar (RFC 5545 3.3.5) says.
 */
export function wallClockInstant(wall: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetAt = (instant: number) => offsetOf(instant, timeZone);
  // The offset a day before and after brackets both candidates around a change.
  const candidates = [offsetAt(asUtc - 86_400_000), offsetAt(asUtc + 86_400_000)].map((offset) => asUtc - offset);
  const exact = candidates.filter((c) => offsetAt(c) === asUtc - c).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0]!;
  // In the gap: the earlier offset carries the wall clock past it.
  return asUtc - offsetAt(asUtc - 86_400_000);
}

/**
 * A zone's offset is constant within a quarter hour (every transition in the zone
 * database since 1970 falls on one), and asking Intl costs tens of microseconds:
 * a calendar feed asks the same few quarters over and over. A pure memo, bounded.
 */
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

function offsetOf(instant: number, timeZone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR_MS);
  const key = `${timeZone} ${quarter}`;
  const known = offsets.get(key);
  const start = quarter * QUARTER_HOUR_MS;
  if (known !== undefined) return known;
  const z = zonedDateTime(new Date(start), timeZone);
  const offset = Date.UTC(z.date.year, z.date.month - 1, z.date.day) + z.secondsIntoDay * 1000 - start;
  if (offsets.size >= 20_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}
