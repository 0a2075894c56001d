import type { AnswerSummary } from './answerSummary';
import { describeRanges, mergeSlots, type SlotRange } from './slotRanges';
import type { DayGrid, WeekGrid } from './weekGrid';

/** A day's slots merged into stretches of one answer. */
export function dayRanges(day: DayGrid): SlotRange<AnswerSummary>[] {
  return mergeSlots(
    day.slots,
    (s) => s.answer.key,
    (s) => s.answer,
  );
}

/** Every day of the week merged into stretches of one answer, Monday first. */
export function weekRanges(grid: WeekGrid): SlotRange<AnswerSummary>[] {
  return grid.days.flatMap(dayRanges);
}

/** The week in lines of words: "Mon–Fri 09:00–17:00: ring device a3f1… → voicemail b7e2…". */
export function describeWeek(grid: WeekGrid): string[] {
  return describeRanges(
    weekRanges(grid),
    (a) => a.key,
    (a) => a.words,
  );
}

/** The distinct answers of a week, in order of first appearance: a legend. */
export function weekAnswers(grid: WeekGrid): AnswerSummary[] {
  const seen = new Map<string, AnswerSummary>();
  for (const day of grid.days) for (const slot of day.slots) if (!seen.has(slot.answer.key)) seen.set(slot.answer.key, slot.answer);
  return [...seen.values()];
}
