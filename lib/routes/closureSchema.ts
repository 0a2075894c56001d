/**
 * Route-level `closures`: dates or date ranges (with an optional part of each
 * day) on which the route is closed whatever its rules say. Each has a label
 * (logs, metrics, `closed:<label>`) and may carry its own callflow; otherwise
 * the route's `closed` callflow answers.
 */
import * as z from 'zod';
import { formatIsoDate, parseIsoDate, type LocalDate } from '../temporal/localDate';
import { parseTimeRange } from '../temporal/weeklyHours';

const DATE_MESSAGE = "must be a date written 'YYYY-MM-DD'";

const isoDate = (field: string) =>
  z.string({ error: `${field} ${DATE_MESSAGE}` }).transform((text, context): LocalDate => {
    const date = parseIsoDate(text);
    if (date) return date;
    context.addIssue({ code: 'custom', message: `${field} ${DATE_MESSAGE}`, input: text });
    return z.NEVER;
  });

const partOfDay = z.string({ error: 'hours must be a range such as "13:00-24:00"' }).transform((text, context) => {
  const range = parseTimeRange(text);
  if (typeof range !== 'string' && range.start < range.stop) return range;
  const message = typeof range === 'string' ? range : `"${text}" runs past midnight: a closure's hours stay within each day`;
  context.addIssue({ code: 'custom', message, input: text });
  return z.NEVER;
});

/** Built around the route's action schema (routeSchema.ts owns it). */
export function closureSchemaOf<A extends z.ZodType>(action: A) {
  return z
    .strictObject({
      label: z
        .string({ error: 'label must be text' })
        .min(1, { error: 'label must not be empty' })
        .max(128)
        .describe('Shown in logs and metrics'),
      date: isoDate('date').optional().describe('One closed day, YYYY-MM-DD, in the route zone'),
      from: isoDate('from').optional().describe('First closed day (with to)'),
      to: isoDate('to').optional().describe('Last closed day, included (with from)'),
      hours: partOfDay.optional().describe('Only this part of each day, e.g. "13:00-24:00"; default: the whole day'),
      then: action.optional().describe("This closure's own answer; default: the route's closed callflow"),
    })
    .superRefine((closure, context) => {
      const hasRange = closure.from !== undefined || closure.to !== undefined;
      if ((closure.date !== undefined) === hasRange) {
        context.addIssue({ code: 'custom', path: ['date'], message: 'give either date, or from and to', input: closure });
      } else if (hasRange && (closure.from === undefined || closure.to === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [closure.from ? 'to' : 'from'],
          message: 'a range needs both from and to',
          input: closure,
        });
      } else if (closure.from && closure.to && formatIsoDate(closure.from) > formatIsoDate(closure.to)) {
        context.addIssue({ code: 'custom', path: ['to'], message: `is before from (${formatIsoDate(closure.from)})`, input: closure });
      }
    })
    .transform(({ date, from, to, ...rest }) => ({ ...rest, from: (date ?? from)!, to: (date ?? to)! }));
}
