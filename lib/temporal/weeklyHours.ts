/**
 * The `hours` condition: opening hours the way a shop door shows them,
 * `{"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}`, compiled to Kazoo weekly
 * temporal rules (what `rules kazoo-rules` prints). A range past midnight
 * (`"22:00-06:00"`) becomes two rules: until the end of the day, and from 00:00
 * on the following day. Both ends are included, as in Kazoo.
 */
import * as z from 'zod';
import { formatClockTime, parseClockTime, SECONDS_PER_DAY } from './clockTime';
import { KAZOO_DEFAULT_START_DATE_SECONDS } from './gregorianSeconds';
import type { TemporalRule } from './temporalRuleSchema';
import { sortWeekdays, WEEKDAYS, type Weekday } from './weekdays';

const DAY_NAMES: Record<string, Weekday> = Object.fromEntries(
  WEEKDAYS.flatMap((weekday) => [
    [weekday, weekday],
    [weekday.slice(0, 3), weekday],
  ]),
);
DAY_NAMES.tues = 'tuesday';
DAY_NAMES.thur = 'thursday';
DAY_NAMES.thurs = 'thursday';

const DAYS_HELP = 'days as "mon", "mon-fri", "sat,sun", "fri-mon" or "daily"';
const RANGE_HELP = 'a range "09:00-17:00" (or a list of them); "22:00-06:00" runs past midnight';

/** The weekdays a key names, or an error message. */
export function parseDaySet(key: string): Weekday[] | string {
  const text = key.trim().toLowerCase();
  if (text === 'daily' || text === 'every day' || text === 'all') return [...WEEKDAYS];
  const days = new Set<Weekday>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const [from, to, extra] = part.split('-').map((p) => p.trim());
    const first = DAY_NAMES[from ?? ''];
    const last = to === undefined ? first : DAY_NAMES[to];
    if (!first || !last || extra !== undefined) return `"${key}" is not a set of days: write ${DAYS_HELP}`;
    // Ranges run forward and wrap: "fri-mon" is Friday to Monday.
    for (let i = WEEKDAYS.indexOf(first); ; i = (i + 1) % 7) {
      days.add(WEEKDAYS[i]!);
      if (WEEKDAYS[i] === last) break;
    }
  }
  return sortWeekdays([...days]);
}

type Range = { start: number; stop: number };

/** `"09:00-17:00"` → seconds, or an error message. */
export function parseTimeRange(text: string): Range | string {
  const [from, to, extra] = text.split('-').map((p) => p.trim());
  const start = parseClockTime(from ?? '');
  const stop = parseClockTime(to ?? '');
  if (start === undefined || stop === undefined || extra !== undefined) return `"${text}" is not ${RANGE_HELP}`;
  if (start === stop) return `"${text}" is empty: the range starts where it stops`;
  if (start === SECONDS_PER_DAY) return `"${text}" starts at 24:00: write 00:00`;
  return { start, stop };
}

const rangesSchema = z.union([z.string(), z.array(z.string()).min(1)], { error: `each value must be ${RANGE_HELP}` });

export const weeklyHoursSchema = z
  .record(z.string(), rangesSchema, { error: `hours must map ${DAYS_HELP} to ${RANGE_HELP}` })
  .transform((hours, context): TemporalRule[] => {
    const rules: TemporalRule[] = [];
    for (const [key, value] of Object.entries(hours)) {
      const days = parseDaySet(key);
      if (typeof days === 'string') {
        context.addIssue({ code: 'custom', path: [key], message: days, input: key });
        continue;
      }
      for (const [i, text] of [value].flat().entries()) {
        const range = parseTimeRange(text);
        if (typeof range === 'string') {
          context.addIssue({ code: 'custom', path: Array.isArray(value) ? [key, i] : [key], message: range, input: text });
          continue;
        }
        rules.push(...rulesFor(key, days, range, text));
      }
    }
    if (Object.keys(hours).length === 0) context.addIssue({ code: 'custom', message: 'hours must list at least one day', input: hours });
    return rules;
  });

function rulesFor(key: string, days: Weekday[], { start, stop }: Range, text: string): TemporalRule[] {
  if (start < stop) return [weekly(`${key} ${text}`, days, start, stop)];
  // Past midnight: the evening on the days named, the small hours on the day after each.
  const nextDays = days.map((day) => WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % 7]!);
  return [
    weekly(`${key} ${formatClockTime(start)}-24:00`, days, start, SECONDS_PER_DAY),
    weekly(`${key} ${text} (after midnight)`, sortWeekdays(nextDays), 0, stop),
  ];
}

function weekly(name: string, wdays: Weekday[], start: number, stop: number): TemporalRule {
  return {
    name,
    cycle: 'weekly',
    interval: 1,
    days: [],
    wdays,
    ordinal: 'first',
    month: 1,
    start: { kind: 'gregorian-seconds', seconds: KAZOO_DEFAULT_START_DATE_SECONDS },
    timeWindowStart: start,
    timeWindowStop: stop,
    enabled: undefined,
  };
}
