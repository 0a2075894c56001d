import * as z from 'zod';
import { callflowNodeSchema } from '../callflow/callflowNode';
import { closureSchemaOf } from './closureSchema';
import { conditionsSchema, patternSchema } from './conditionsSchema';
import { refuseReservedKeys, refuseReservedName } from './reservedNames';
import type { PatternMatcher } from './patternCache';
import { twimlActionSchema } from '../twiml/twimlAction';
import type { TemporalDayCache } from '../temporal/temporalDayCache';
import { lookupSchema } from './lookupSchema';
import { splitSchema } from './splitSchema';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)');

/** Whether a `{route}` from a URL could name a route at all; one that cannot is not looked up. */
export function isRouteId(value: string): boolean {
  return name.safeParse(value).success;
}

/** A callflow (may hold {{placeholders}}), a jump to an IVR step, or a TwiML answer. */
export const gotoSchema = z.strictObject({ goto: name.describe('An IVR step of this route') });
export const plainActionSchema = z.union([gotoSchema, callflowNodeSchema]);
export type PlainAction = z.output<typeof plainActionSchema>;
/** A callflow, a jump to a step, a TwiML answer, or a weighted split between callflows and steps (sticky per caller). */
export const actionSchema = z.union([gotoSchema, twimlActionSchema, callflowNodeSchema, splitSchema(plainActionSchema)]);
export type Action = z.output<typeof actionSchema>;

export const ruleSchema = z.strictObject({
  name: name.optional().describe('Shown in logs and metrics; defaults to rule-<position>'),
  when: conditionsSchema.default({}),
  then: actionSchema,
});

export const promptSchema = z.union([
  z.strictObject({ tts: z.string().min(1), voice: z.enum(['male', 'female']).optional(), language: z.string().optional() }),
  z.strictObject({ play: z.string().min(1).describe('A media id or URL') }),
]);
export type Prompt = z.output<typeof promptSchema>;

export const optionSchema = z.strictObject({
  digits: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe('Exact input(s)'),
  pattern: patternSchema.optional().describe('Regex over the input; captures become {{match.N}}'),
  when: conditionsSchema.optional().describe('Extra conditions, e.g. on digits collected by earlier steps'),
  then: actionSchema,
});

export const stepSchema = z.strictObject({
  prompt: promptSchema,
  collect: z
    .strictObject({
      name: name.superRefine(refuseReservedName).optional().describe('Collection name; defaults to the step name'),
      maxDigits: z.number().int().min(1).max(64).default(1),
      timeoutMs: z.number().int().min(1000).max(60000).default(5000),
      interdigitTimeoutMs: z.number().int().min(500).max(30000).optional(),
      terminator: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#']).default('#'),
    })
    .default({ maxDigits: 1, timeoutMs: 5000, terminator: '#' }),
  options: z.array(optionSchema).min(1),
  invalid: promptSchema.optional().describe('Played before the re-prompt after a wrong entry'),
  noInput: promptSchema.optional().describe('Played before the re-prompt when nothing was pressed'),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  onFailure: actionSchema.optional().describe('After maxAttempts; defaults to the route fallback'),
});

export const routeSchema = z.strictObject({
  $schema: z.string().optional(),
  id: name.describe('The {route} in /pivot/{route}'),
  description: z.string().optional(),
  timezone: z.string().min(1).describe('IANA time zone for time conditions, e.g. America/New_York'),
  accounts: z.array(z.string().min(1)).optional().describe('Account-IDs allowed to use this route; absent: any'),
  lookups: z
    .record(name, lookupSchema)
    .superRefine(refuseReservedKeys)
    .optional()
    .describe('Named requests to your own API, made when a rule or step needs their values'),
  rules: z.array(ruleSchema).default([]),
  steps: z.record(name, stepSchema).superRefine(refuseReservedKeys).default({}),
  fallback: actionSchema.optional().describe('When no rule matches, or the route cannot be served'),
  closures: z.array(closureSchemaOf(actionSchema)).default([]).describe('Closed days and ranges; they win over the rules'),
  closed: actionSchema.optional().describe('What callers hear while the route is closed (closures, `rules close`); default: the fallback'),
  testCallers: z
    .array(z.string().regex(/\d/, 'a caller number'))
    .optional()
    .describe('On a draft (rules push --draft): caller numbers that get this draft instead of the live version'),
});

export type RouteDocument = z.input<typeof routeSchema>;
/**
 * A loaded route: the document as parsed, and the process-wide caches its
 * patterns are matched through and its temporal rules' per-day verdicts are
 * kept in (parseRoute builds it; a route holds neither programs nor verdicts).
 */
export type Route = z.output<typeof routeSchema> & {
  readonly patterns: PatternMatcher;
  readonly temporalDays: TemporalDayCache;
  /** The stored version this copy is (absent for an unversioned route). */
  readonly version?: number;
  /** The draft stored beside the live version; its testCallers get it. */
  readonly draft?: Route;
};
export type Rule = Route['rules'][number];
export type Step = Route['steps'][string];
export type StepOption = Step['options'][number];
export type Closure = Route['closures'][number];
