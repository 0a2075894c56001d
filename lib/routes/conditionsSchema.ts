import * as z from 'zod';
import { holidayConditionSchema } from '../holidays/holidayCondition';
import { temporalRuleSchema } from '../temporal/temporalRuleSchema';
import { calendarConditionSchema } from '../calendar/calendarConditionSchema';
import { weeklyHoursSchema } from '../temporal/weeklyHours';
import { refuseReservedKeys, refuseReservedName } from './reservedNames';
import { checkPattern } from './safePattern';
import { sharedPatterns } from './patternCache';

/**
 * A regex source that compiles and cannot backtrack without bound. The program
 * validation compiles goes to the shared cache, so the first call does not compile
 * it again; a source the cache holds was checked before and is not compiled twice.
 */
export const patternSchema = z.string().superRefine((source, ctx) => {
  if (sharedPatterns.has(source)) return;
  const check = checkPattern(source);
  if (check.ok) sharedPatterns.remember(check.pattern);
  else ctx.addIssue({ code: 'custom', message: check.message });
});

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/** Like Kazoo callflow `numbers` (exact) and `patterns` (regex, with capture groups). */
export const numberMatchSchema = z
  .strictObject({
    numbers: z.array(z.string().min(1)).optional().describe('Exact numbers; a leading + is ignored on both sides'),
    patterns: z.array(patternSchema).optional().describe('Regular expressions; capture groups become {{match.N}}'),
  })
  .refine((m) => (m.numbers?.length ?? 0) + (m.patterns?.length ?? 0) > 0, 'give at least one of numbers or patterns');

export const digitsConditionSchema = z
  .strictObject({
    collection: z
      .string()
      .min(1)
      .superRefine(refuseReservedName)
      .default('default')
      .describe('DTMF collection name (collect_dtmf collection_name)'),
    equals: oneOrMany(z.string()).optional(),
    pattern: patternSchema.optional(),
    present: z.boolean().optional().describe('true: any digits collected; false: none'),
  })
  .refine(
    (d) => [d.equals, d.pattern, d.present].filter((x) => x !== undefined).length === 1,
    'give exactly one of equals, pattern or present',
  );

export const varConditionSchema = z.union([
  z.string(),
  z.strictObject({ pattern: patternSchema }),
  z.strictObject({ present: z.boolean() }),
]);

/** `when`: every condition given must hold. An empty `when` always holds. */
export const conditionsSchema = z.strictObject({
  time: oneOrMany(temporalRuleSchema).optional().describe('Kazoo temporal rules; any one active matches'),
  hours: weeklyHoursSchema
    .optional()
    .describe('Opening hours by day, e.g. {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}; "22:00-06:00" runs past midnight'),
  holidays: holidayConditionSchema
    .optional()
    .describe('Public holidays of a country and region (date-holidays), in the route zone, e.g. {"country": "US", "region": "CA"}'),
  // A `calendar` condition (iCalendar feeds) belongs here too, beside `holidays`.
  callerId: numberMatchSchema.optional().describe('Caller-ID-Number whitelist and patterns'),
  dialed: numberMatchSchema.optional().describe('The dialed number (Request or To)'),
  digits: oneOrMany(digitsConditionSchema).optional(),
  language: oneOrMany(z.string().min(1)).optional().describe('"en" matches "en-us"; case-insensitive'),
  userId: oneOrMany(z.string().min(1)).optional().describe('Any of the call owner User-IDs'),
  vars: z
    .record(z.string(), varConditionSchema)
    .superRefine(refuseReservedKeys)
    .optional()
    .describe('Custom-Application-Vars and IVR values'),
  direction: z.enum(['inbound', 'outbound']).optional(),
  lookup: z
    .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '<lookup>.<field>'), varConditionSchema)
    .optional()
    .describe('Values a lookup mapped, as "<lookup>.<field>"; a missing value never equals anything'),
  calendar: calendarConditionSchema.optional().describe('True while the iCalendar feed has an event now'),
});

export type Conditions = z.output<typeof conditionsSchema>;
