import type { AnswerSummary } from '../preview/answerSummary';
import type { PreviewCaller } from '../preview/previewCaller';
import { DAY_NAMES, describeRanges, formatMinute, mergeSlots, type SlotRange } from '../preview/slotRanges';
import { answerAt, evaluateDay, evaluateWeek } from '../preview/weekGrid';
import type { Route } from '../routes/routeSchema';
import { addDays, dayOfWeek, formatIsoDate, type LocalDate } from '../temporal/localDate';
import { zonedDateTime } from '../temporal/timeZone';
import { ANY_OTHER_CALLER, callerVariants } from './callerVariants';
import { answerOnPath, ivrPaths } from './ivrPaths';
import { stepChanges } from './stepChanges';
import { calendarRules, fallsOn, repeatsEveryWeek } from './weeklyRules';

/** What changes for one kind of caller (or one IVR path), in lines of words and times. */
export type ImpactSection = { label: string; lines: string[] };

export type ImpactReport = {
  /** Per caller and IVR path, only those with a change. */
  sections: ImpactSection[];
  /** Dates ahead (holidays, closures, one-offs) whose change differs from their weekday's. */
  dates: string[];
  changed: boolean;
};

export type ImpactOptions = { now: Date /** Dates ahead to check for exceptions; 0 skips them. */; days?: number };

type Pair = { before: AnswerSummary; after: AnswerSummary };
type Instant = { day: number; minute: number; at: Date };

/**
 * Places the same calls on two versions of a route and says where the answers
 * differ: every quarter hour of the current week in the new version's zone, for
 * every caller the rules of either version tell apart plus one they do not, at
 * every IVR step for every key (and what each step says and collects), and on every date of the coming `days` whose
 * change is not its weekday's usual one. Answers are compared by what the caller
 * gets (the callflow or the step), not by which rule chose it.
 */
export function compareRouteVersions(before: Route, after: Route, { now, days = 365 }: ImpactOptions): ImpactReport {
  // The same routing (words aside) cannot answer differently: spare the year of evaluations.
  if (routingOf(before) === routingOf(after)) return { sections: [], dates: [], changed: false };
  const grid = evaluateWeek(after, { now, caller: ANY_OTHER_CALLER.caller });
  const instants: Instant[] = grid.days.flatMap((d) => d.slots.map(({ day, minute, at }) => ({ day, minute, at })));
  const sections: ImpactSection[] = [];
  let baseWeek: SlotRange<Pair>[] = [];
  for (const variant of callerVariants(before, after)) {
    const ranges = changedRanges(instants, (at) => pairAt(before, after, at, variant.caller));
    if (variant === ANY_OTHER_CALLER) baseWeek = ranges;
    if (ranges.length > 0) sections.push({ label: variant.label, lines: describePairs(ranges) });
  }
  sections.push(...stepChanges(before, after));
  // Without a time condition on an option, a step answers alike all week: one instant tells.
  const timed = optionsTakeTime(before) || optionsTakeTime(after);
  for (const path of ivrPaths(before, after)) {
    const caller = ANY_OTHER_CALLER.caller;
    const pair = (at: Date) => ({ before: answerOnPath(before, path, at, caller), after: answerOnPath(after, path, at, caller) });
    if (!timed) {
      const once = pair(now);
      if (once.before.key !== once.after.key) sections.push({ label: path.label, lines: [`always: ${pairWords(once)}`] });
      continue;
    }
    const ranges = changedRanges(instants, pair);
    if (ranges.length > 0) sections.push({ label: path.label, lines: describePairs(ranges) });
  }
  // Rules that repeat every week answer every date like its weekday: no year to walk.
  const dates =
    days > 0 && !(repeatsEveryWeek(before) && repeatsEveryWeek(after))
      ? exceptionDates(before, after, now, days, baseWeek, grid.monday)
      : [];
  return { sections, dates, changed: sections.length > 0 || dates.length > 0 };
}

function pairAt(before: Route, after: Route, at: Date, caller: PreviewCaller): Pair {
  return { before: answerAt(before, at, caller), after: answerAt(after, at, caller) };
}

/** The stretches of time where the two answers differ. */
function changedRanges(instants: readonly Instant[], pair: (at: Date) => Pair): SlotRange<Pair>[] {
  const slots = instants.map((i) => ({ ...i, pair: pair(i.at) }));
  return mergeSlots(
    slots,
    (s) => pairKey(s.pair),
    (s) => s.pair,
  ).filter((r) => r.value.before.key !== r.value.after.key);
}

function pairKey(pair: Pair): string {
  return `${pair.before.key}→${pair.after.key}`;
}

/** `before → after`; inside each side a callflow's own steps read "then", so the arrow is only ever the change. */
function pairWords(pair: Pair): string {
  const side = (answer: AnswerSummary) => answer.words.replaceAll(' → ', ' then ');
  return `${side(pair.before)} → ${side(pair.after)}`;
}

function describePairs(ranges: SlotRange<Pair>[]): string[] {
  return describeRanges(ranges, pairKey, pairWords).map((line) => line.replace(/^Mon–Sun 00:00–24:00: /, 'all week: '));
}

/**
 * Each coming date (in the new version's zone) for "any other caller": its
 * changed stretches, reported when they are not what the week shows for its
 * weekday (a holiday rule changed, a closure added, or the weekly change does
 * not apply that day).
 */
function exceptionDates(before: Route, after: Route, now: Date, days: number, week: SlotRange<Pair>[], monday: LocalDate): string[] {
  const today = zonedDateTime(now, after.timezone).date;
  const rules = [
    ...calendarRules(before).map((rule) => ({ rule, zone: before.timezone })),
    ...calendarRules(after).map((rule) => ({ rule, zone: after.timezone })),
  ];
  // Only a date a calendar rule falls on can answer unlike its weekday (a change of zone: any date).
  const special = (date: LocalDate) => before.timezone !== after.timezone || rules.some(({ rule, zone }) => fallsOn(rule, date, zone));
  const changedOn = (date: LocalDate, day: number) =>
    changedRanges(
      evaluateDay(after, date, ANY_OTHER_CALLER.caller, day).slots.map(({ minute, at }) => ({ day, minute, at })),
      (at) => pairAt(before, after, at, ANY_OTHER_CALLER.caller),
    );
  const usual = new Map<number, string>();
  const usualFor = (day: number): string => {
    let plan = usual.get(day);
    if (plan === undefined) {
      // The compared week's date may itself be a holiday: lean on the next ordinary date of that weekday.
      const k = [0, 1, 2, 3, 4, 5, 6, 7, 8].find((n) => !special(addDays(monday, day + 7 * n)));
      if (k === undefined) plan = '';
      else if (k === 0) plan = planOf(week.filter((r) => r.day === day));
      else plan = planOf(changedOn(addDays(monday, day + 7 * k), day));
      usual.set(day, plan);
    }
    return plan;
  };
  const lines: string[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    if (!special(date)) continue;
    const day = dayOfWeek(date) - 1;
    const changed = changedOn(date, day);
    if (planOf(changed) === usualFor(day)) continue;
    const words = changed.length === 0 ? `no change (unlike other ${DAY_NAMES[day]}s)` : describeDayPairs(changed);
    lines.push(`${formatIsoDate(date)} ${DAY_NAMES[day]}: ${words}`);
  }
  return lines;
}

function planOf(ranges: readonly SlotRange<Pair>[]): string {
  return ranges.map((r) => `${r.startMinute}-${r.endMinute}:${pairKey(r.value)}`).join('|');
}

function describeDayPairs(ranges: readonly SlotRange<Pair>[]): string {
  if (ranges.length === 1 && ranges[0]!.startMinute === 0 && ranges[0]!.endMinute === 1440)
    return `all day: ${pairWords(ranges[0]!.value)}`;
  return ranges.map((r) => `${formatMinute(r.startMinute)}–${formatMinute(r.endMinute)}: ${pairWords(r.value)}`).join('; ');
}

/** What decides answers, as comparable text: the document without its words, its version, its draft and its caches. */
function routingOf(route: Route): string {
  const { patterns: _p, temporalDays: _days, version: _v, draft: _d, description: _t, testCallers: _c, $schema: _s, ...routing } = route;
  return JSON.stringify(routing);
}

function optionsTakeTime(route: Route): boolean {
  return Object.values(route.steps).some((step) => step.options.some((option) => option.when?.time !== undefined));
}
