import type { Route } from '../routes/routeSchema';
import { addDays, dayOfWeek, formatIsoDate, type LocalDate } from '../temporal/localDate';
import { zonedDateTime } from '../temporal/timeZone';
import type { AnswerSummary } from './answerSummary';
import type { PreviewCaller } from './previewCaller';
import { formatMinute, type SlotRange } from './slotRanges';
import { evaluateDay } from './weekGrid';
import { dayRanges } from './weekSummary';

/** A date whose answers differ from what that weekday usually gets (a holiday, a closure, a one-off). */
export type ExceptionDay = { date: LocalDate; iso: string; ranges: SlotRange<AnswerSummary>[]; words: string };

/**
 * The coming days (from today in the route's zone, `days` of them) that do not
 * answer like their weekday usually does over the same horizon. "Usually" is
 * the most common day plan of that weekday, so a holiday stands out even when
 * it falls in the current week.
 */
export function upcomingExceptions(
  route: Route,
  { now, caller = {}, days = 90 }: { now: Date; caller?: PreviewCaller; days?: number },
): ExceptionDay[] {
  const today = zonedDateTime(now, route.timezone).date;
  const plans = Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i);
    const ranges = dayRanges(evaluateDay(route, date, caller, dayOfWeek(date) - 1));
    return { date, ranges, plan: planKey(ranges) };
  });
  const usual = new Map<number, string>();
  for (let dow = 1; dow <= 7; dow++) {
    const counts = new Map<string, number>();
    for (const p of plans) if (dayOfWeek(p.date) === dow) counts.set(p.plan, (counts.get(p.plan) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) usual.set(dow, best[0]);
  }
  return plans
    .filter((p) => usual.get(dayOfWeek(p.date)) !== p.plan)
    .map((p) => ({ date: p.date, iso: formatIsoDate(p.date), ranges: p.ranges, words: describeDay(p.ranges) }));
}

function planKey(ranges: readonly SlotRange<AnswerSummary>[]): string {
  return ranges.map((r) => `${r.startMinute}-${r.endMinute}:${r.value.key}`).join('|');
}

/** "all day: voicemail b7e2…" or "00:00–12:00: voicemail …; 12:00–24:00: …". */
export function describeDay(ranges: readonly SlotRange<AnswerSummary>[]): string {
  if (ranges.length === 1) return `all day: ${ranges[0]!.value.words}`;
  return ranges.map((r) => `${formatMinute(r.startMinute)}–${formatMinute(r.endMinute)}: ${r.value.words}`).join('; ');
}
