/**
 * Times of day as people write them ("09:00", "17:30", "17:30:15") beside the
 * seconds into the local day that Kazoo's temporal rules store. "24:00" is the
 * end of the day (86400), which Kazoo's window stop allows.
 */
import * as z from 'zod';

export const SECONDS_PER_DAY = 86_400;

const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)(?::([0-5]\d))?$/;

/** Seconds into the day for "HH:MM" or "HH:MM:SS" (00:00 to 24:00); undefined for anything else. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
  return seconds <= SECONDS_PER_DAY ? seconds : undefined;
}

/** "09:00", "17:30:15", "24:00": how a window bound reads to a person. */
export function formatClockTime(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A window bound: whole seconds (Kazoo's form) or a clock time, always seconds once parsed. */
export function timeOfDaySchema(field: string) {
  const message = `${field} must be a time of day, "09:00" or "17:30:15" (00:00 to 24:00), or whole seconds into the local day, 0 to ${SECONDS_PER_DAY}`;
  return z.union([z.number(), z.string()], { error: message }).transform((value, context): number => {
    const seconds = typeof value === 'number' ? value : parseClockTime(value);
    if (seconds !== undefined && Number.isInteger(seconds) && seconds >= 0 && seconds <= SECONDS_PER_DAY) return seconds;
    context.addIssue({ code: 'custom', message, input: value });
    return z.NEVER;
  });
}
