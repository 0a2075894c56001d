import { decideEntry } from '../rules/decideAnswer';
import type { Route } from '../routes/routeSchema';
import { isoWeekMonday } from '../temporal/isoWeek';
import { addDays, type LocalDate } from '../temporal/localDate';
import { zonedDateTime } from '../temporal/timeZone';
import { summarizeDecision, type AnswerSummary } from './answerSummary';
import { previewPivotBack, previewRequest, type PreviewCaller } from './previewCaller';
import { instantAtWallClock } from './wallClock';

export const SLOT_MINUTES = 15;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/** One quarter hour of one day: what a fresh call placed then gets. */
export type Slot = {
  /** 0 = Monday … 6 = Sunday (ISO order). */
  day: number;
  /** Minutes after local midnight the slot starts, 0, 15 … 1425. */
  minute: number;
  /** The instant the slot was judged at: its middle, on the route zone's wall clock. */
  at: Date;
  answer: AnswerSummary;
};

export type DayGrid = { date: LocalDate; slots: Slot[] };
export type WeekGrid = { routeId: string; timezone: string; monday: LocalDate; days: DayGrid[] };

/** What a fresh call by `caller` at `instant` gets from the route's entry rules. */
export function answerAt(route: Route, instant: Date, caller: PreviewCaller = {}): AnswerSummary {
  const request = previewRequest(route.id, caller);
  return summarizeDecision(decideEntry({ route, request, now: instant, pivotBack: previewPivotBack(route.id) }));
}

/**
 * One local day in quarter hours. Each slot is judged at its middle (09:00 at
 * 09:07:30), so a window that opens at 09:00 and closes at 17:00 (Kazoo's stop
 * is inclusive) shows as 09:00–17:00, not 09:00–17:15.
 */
export function evaluateDay(route: Route, date: LocalDate, caller: PreviewCaller = {}, day = 0): DayGrid {
  const slots: Slot[] = [];
  const half = (SLOT_MINUTES * 60) / 2;
  const first = instantAtWallClock(date, half, route.timezone).getTime();
  const last = instantAtWallClock(date, 86_400 - half, route.timezone).getTime();
  // No clock change that day: the slots are evenly spaced, and the zone need not be asked for each.
  const even = last - first === (86_400 - 2 * half) * 1000;
  for (let i = 0; i < SLOTS_PER_DAY; i++) {
    const minute = i * SLOT_MINUTES;
    const at = even ? new Date(first + minute * 60_000) : instantAtWallClock(date, minute * 60 + half, route.timezone);
    slots.push({ day, minute, at, answer: answerAt(route, at, caller) });
  }
  return { date, slots };
}

/** The ISO week (Monday to Sunday, in the route's zone) that holds `now`, or the one starting at `monday`. */
export function evaluateWeek(
  route: Route,
  { now, caller = {}, monday }: { now: Date; caller?: PreviewCaller; monday?: LocalDate },
): WeekGrid {
  const start = monday ?? isoWeekMonday(zonedDateTime(now, route.timezone).date);
  const days = Array.from({ length: 7 }, (_, d) => evaluateDay(route, addDays(start, d), caller, d));
  return { routeId: route.id, timezone: route.timezone, monday: start, days };
}
