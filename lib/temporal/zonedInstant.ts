/**
 * The instant a wall-clock time names in a zone: what "2026-12-24 17:00 in New
 * York" is in UTC. A time skipped by a spring-forward lands an hour later; a
 * repeated one takes its first occurrence.
 */
import { toEpochDay, type LocalDate } from './localDate';
import { zonedDateTime } from './timeZone';

const MS_PER_DAY = 86_400_000;

export function instantAt(date: LocalDate, secondsIntoDay: number, timeZone: string): Date {
  const wanted = toEpochDay(date) * MS_PER_DAY + secondsIntoDay * 1000;
  let guess = wanted;
  // Two corrections settle any zone's offset, DST change included.
  for (let i = 0; i < 3; i++) {
    const seen = zonedDateTime(new Date(guess), timeZone);
    const shown = toEpochDay(seen.date) * MS_PER_DAY + seen.secondsIntoDay * 1000;
    if (shown === wanted) return new Date(guess);
    guess += wanted - shown;
  }
  return new Date(guess);
}
