import * as z from 'zod';
import { lazySchema } from '../lazySchema';

/**
 * What one Pivot answer was, for logs, metrics and the call state. Code switches
 * on `kind`; the text form (describeOutcome) is what logs and stored call states
 * show, so it stays stable: `rule:business-hours`, `option:pin.1`, `retry:pin`,
 * `fallback`, `no-match`, `degraded:fallback`, `AuthError`...
 *
 * Nothing parses an outcome: these schemas are the source of its types, so they
 * are lazy and a Lambda never builds them (lib/lazySchema.ts).
 */

/**
 * How an answer that was decided went wrong on the way to a callflow; either
 * one makes the text longer (`rule:by-var:invalid-after-substitution`).
 */
const answerTrouble = {
  /** The chosen action's callflow broke once placeholders were filled in: the route's fallback answered instead. */
  invalidAfterSubstitution: z.literal(true).optional(),
  /** The route's fallback callflow is itself invalid: nothing could be served. */
  fallbackInvalid: z.literal(true).optional(),
  /** The branch of a weighted split this caller took (`rule:greeting@b`). */
  branch: z.string().optional(),
};

const ruleOutcome = lazySchema(() => z.object({ kind: z.literal('rule'), rule: z.string(), ...answerTrouble }));
/** A digit option of an IVR step matched; `option` counts from 1, as in the route file. */
const optionOutcome = lazySchema(() =>
  z.object({ kind: z.literal('option'), step: z.string(), option: z.number().int().positive(), ...answerTrouble }),
);
/** The step is asked again (wrong or no input, attempts left; or its call state has not replicated to this region yet). */
const retryOutcome = lazySchema(() =>
  z.object({ kind: z.literal('retry'), step: z.string(), reason: z.enum(['state-not-arrived']).optional() }),
);
/** The step ran out of attempts: its onFailure action, else the fallback. */
const failureOutcome = lazySchema(() => z.object({ kind: z.literal('failure'), step: z.string(), ...answerTrouble }));
/** No rule matched (or the step named in the URL, or the version the call started on, is gone): the route's fallback. */
const fallbackOutcome = lazySchema(() =>
  z.object({
    kind: z.literal('fallback'),
    reason: z.enum(['unknown-step', 'version-gone']).optional(),
    ...answerTrouble,
  }),
);
/** The route is closed: `closure` is a route closure's label, or `emergency` for `rules close`. */
const closedOutcome = lazySchema(() => z.object({ kind: z.literal('closed'), closure: z.string(), ...answerTrouble }));
/** No rule matched and the route has no fallback: answered 503. */
const noMatchOutcome = lazySchema(() => z.object({ kind: z.literal('no-match') }));

export const decisionOutcomeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [ruleOutcome, optionOutcome, retryOutcome, failureOutcome, fallbackOutcome, noMatchOutcome, closedOutcome]),
);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

/** The outcomes that chose an action and can therefore run into answerTrouble. */
export type ChosenOutcome = Extract<DecisionOutcome, { kind: 'rule' | 'option' | 'failure' | 'fallback' | 'closed' }>;

export const outcomeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    ...decisionOutcomeSchema.options,
    /** The store or the deadline failed us: the route's last known fallback, or a 503. */
    z.object({ kind: z.literal('degraded'), answer: z.enum(['fallback', 'unavailable']) }),
    /** Refused: bad token, unknown route, Account-ID not allowed, a call that has already ended, or a follow-up URL not signed for this call. */
    z.object({ kind: z.literal('refused'), error: z.enum(['AuthError', 'RouteNotFoundError', 'CallEndedError', 'FollowUpRefusedError']) }),
  ]),
);
export type Outcome = z.infer<typeof outcomeSchema>;

/** The one text form of an outcome: log lines and stored call states read it. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'rule':
      return `rule:${outcome.rule}${troubleSuffix(outcome)}`;
    case 'option':
      return `option:${outcome.step}.${outcome.option}${troubleSuffix(outcome)}`;
    case 'retry':
      return `retry:${outcome.step}${outcome.reason ? `:${outcome.reason}` : ''}`;
    case 'failure':
      return `failure:${outcome.step}${troubleSuffix(outcome)}`;
    case 'fallback':
      return `fallback${outcome.reason ? `:${outcome.reason}` : ''}${troubleSuffix(outcome)}`;
    case 'no-match':
      return 'no-match';
    case 'closed':
      return `closed:${outcome.closure}${troubleSuffix(outcome)}`;
    case 'degraded':
      return `degraded:${outcome.answer}`;
    case 'refused':
      return outcome.error;
  }
}

function troubleSuffix(outcome: ChosenOutcome): string {
  return `${outcome.branch ? `@${outcome.branch}` : ''}${outcome.invalidAfterSubstitution ? ':invalid-after-substitution' : ''}${outcome.fallbackInvalid ? ':invalid' : ''}`;
}
