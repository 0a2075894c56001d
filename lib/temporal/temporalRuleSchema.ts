/**
 * A Kazoo temporal rule (schema `temporal_rules`) as an operator writes it by
 * hand in a route file, checked and turned into the normalized TemporalRule.
 * Field names and defaults are Kazoo's, so a rule copied out of Kazoo's API
 * means the same thing here. Every error message names its field.
 */
import * as z from 'zod';
import { CYCLES } from './calendarRule';
import { SECONDS_PER_DAY, timeOfDaySchema } from './clockTime';
import { KAZOO_DEFAULT_START_DATE_SECONDS, MAX_GREGORIAN_SECONDS } from './gregorianSeconds';
import { parseIsoDate } from './localDate';
import type { RuleStart } from './ruleStart';
import { normalizeWeekday, ORDINALS, sortWeekdays, WEEKDAY_SPELLINGS } from './weekdays';

/** Kazoo's own fields; a key outside this list is a typo until proven otherwise. */
const KNOWN_FIELDS =
  'name, cycle, interval, days, wdays, ordinal, month, start_date, time_window_start, time_window_stop, enabled, flags, id';

function wholeNumber(message: string, min: number, max: number) {
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

const START_DATE_MESSAGE = "start_date must be Gregorian seconds as Kazoo stores them (e.g. 63909619200) or a date written 'YYYY-MM-DD'";

const startDate = z.union([z.number(), z.string()], { error: START_DATE_MESSAGE }).transform((value, context): RuleStart => {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= MAX_GREGORIAN_SECONDS) {
      return { kind: 'gregorian-seconds', seconds: value };
    }
  } else {
    const date = parseIsoDate(value);
    if (date) return { kind: 'local-date', date };
  }
  context.addIssue({ code: 'custom', message: START_DATE_MESSAGE, input: value });
  return z.NEVER;
});

const WDAYS_MESSAGE = "wdays must list weekday names, monday to sunday ('wensday' is read as wednesday)";
const DAYS_MESSAGE = 'days must list days of the month, each a whole number from 1 to 31';

export const temporalRuleSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'name must be text' })
        .min(1, { error: 'name must not be empty' })
        .max(128, { error: 'name must be at most 128 characters' })
        .optional(),
      cycle: z.enum(CYCLES, { error: `cycle must be one of ${CYCLES.join(', ')}` }),
      interval: wholeNumber('interval must be a whole number of at least 1', 1, Number.MAX_SAFE_INTEGER).default(1),
      // A set, sorted: Kazoo walks days in the written order and skips some when they are not
      // ascending ([21, 9] is never active on the 9th). Deliberately not copied; push stores them sorted.
      days: z
        .array(wholeNumber(DAYS_MESSAGE, 1, 31), { error: DAYS_MESSAGE })
        .default([])
        .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
      // Kept as written until the checks below: a repeat matters to Kazoo (see superRefine).
      wdays: z
        .array(z.enum(WEEKDAY_SPELLINGS, { error: WDAYS_MESSAGE }), { error: WDAYS_MESSAGE })
        .default([])
        .transform((wdays) => wdays.map(normalizeWeekday)),
      // Kazoo's #rule defaults: the first occurrence, January.
      ordinal: z.enum(ORDINALS, { error: `ordinal must be one of ${ORDINALS.join(', ')}` }).default('first'),
      month: wholeNumber('month must be a whole number from 1 to 12', 1, 12).default(1),
      start_date: startDate.default({ kind: 'gregorian-seconds', seconds: KAZOO_DEFAULT_START_DATE_SECONDS }),
      time_window_start: timeOfDaySchema('time_window_start').default(0),
      time_window_stop: timeOfDaySchema('time_window_stop').default(SECONDS_PER_DAY),
      enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
      flags: z.array(z.string(), { error: 'flags must be a list of text' }).optional(),
      id: z.string({ error: 'id must be text' }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}; a temporal rule takes ${KNOWN_FIELDS}`
          : 'a temporal rule must be a JSON object',
    },
  )
  .superRefine((rule, context) => {
    const wantsOneWeekday = (rule.cycle === 'monthly' || rule.cycle === 'yearly') && rule.days.length === 0;
    // Kazoo's sort_wdays keeps repeats, so ["friday", "friday"] matches no clause of next_rule_date and the call crashes.
    if (wantsOneWeekday && rule.wdays.length > 1 && new Set(rule.wdays).size === 1) {
      context.addIssue({
        code: 'custom',
        path: ['wdays'],
        message: `wdays repeats "${rule.wdays[0]}": Kazoo fails on a repeated weekday in a ${rule.cycle} rule; list it once`,
        input: rule.wdays,
      });
      return;
    }
    // Kazoo has no clause for these rules otherwise and the call fails.
    if (wantsOneWeekday && rule.wdays.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['wdays'],
        message: `wdays must name exactly one weekday for a ${rule.cycle} rule without days (or give days instead)`,
        input: rule.wdays,
      });
    }
  })
  .transform((rule) => ({
    name: rule.name,
    cycle: rule.cycle,
    interval: rule.interval,
    days: rule.days,
    // Kazoo's sort_wdays: Monday first, and none listed means all seven.
    wdays: sortWeekdays(rule.wdays),
    ordinal: rule.ordinal,
    month: rule.month,
    start: rule.start_date,
    timeWindowStart: rule.time_window_start,
    timeWindowStop: rule.time_window_stop,
    enabled: rule.enabled,
  }));

/** A rule as written in a route file. */
export type TemporalRuleInput = z.input<typeof temporalRuleSchema>;

/** A checked rule: Kazoo's defaults applied, weekdays spelled right and sorted, days sorted. */
export type TemporalRule = z.infer<typeof temporalRuleSchema>;
