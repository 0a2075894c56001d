import type { Outcome } from '../rules/outcome';

/**
 * One step of a caller's way through an IVR, as the funnel counts it. Each
 * names only what the route itself defines (its id once the route was found,
 * its step names, option positions), never a value from the URL or the caller:
 * metric dimensions stay as few as the routes' own steps and options.
 */
export type FunnelEvent =
  /** A step's prompt was answered for the first time on this call. */
  | { kind: 'entered'; step: string }
  /** The caller's input chose option `option` (counting from 1, as in the route file). */
  | { kind: 'chosen'; step: string; option: number }
  /** Digits that match no option. */
  | { kind: 'invalid'; step: string }
  /** Nothing pressed before the step's timeout. */
  | { kind: 'timed-out'; step: string }
  /** The last attempt failed: the step's onFailure (or the route fallback) answered. */
  | { kind: 'retries-exhausted'; step: string }
  /** The route's fallback answered (no rule matched, the step was gone, or the store failed us); a 503 is counted apart. */
  | { kind: 'fallback'; step: string };

/** Where on the route a request stood when it is not at a step: the entry rules. */
export const ENTRY_STEP = '(entry)';

export type FunnelInput = {
  outcome: Outcome;
  /** The step the answer prompts (PivotResult.step). */
  awaiting?: string;
  /** A follow-up's collected input was not empty (PivotResult.heardInput). */
  heardInput?: boolean;
};

/** What one answered request adds to the route's IVR funnel. */
export function funnelEvents({ outcome, awaiting, heardInput }: FunnelInput): FunnelEvent[] {
  const events: FunnelEvent[] = [];
  const at = 'step' in outcome ? outcome.step : ENTRY_STEP;
  switch (outcome.kind) {
    case 'option':
      events.push({ kind: 'chosen', step: outcome.step, option: outcome.option });
      break;
    case 'retry':
      events.push({ kind: heardInput ? 'invalid' : 'timed-out', step: outcome.step });
      break;
    case 'failure':
      events.push({ kind: heardInput ? 'invalid' : 'timed-out', step: outcome.step }, { kind: 'retries-exhausted', step: outcome.step });
      break;
    case 'fallback':
      events.push({ kind: 'fallback', step: at });
      break;
    case 'degraded':
      if (outcome.answer === 'fallback') events.push({ kind: 'fallback', step: at });
      break;
  }
  // A re-prompt of the same step is an attempt, not an entry.
  if (awaiting !== undefined && outcome.kind !== 'retry') events.push({ kind: 'entered', step: awaiting });
  return events;
}

/** One step's funnel: how many callers reached it and what became of each attempt. */
export type StepFunnel = {
  entered: number;
  /** Option position (from 1) → times chosen. */
  chosen: Record<number, number>;
  invalid: number;
  timedOut: number;
  retriesExhausted: number;
  fallback: number;
};

/** Adds events up per step, steps in order of first appearance. */
export function tallyFunnel(events: Iterable<FunnelEvent>): Map<string, StepFunnel> {
  const steps = new Map<string, StepFunnel>();
  for (const event of events) {
    let step = steps.get(event.step);
    if (!step) {
      step = { entered: 0, chosen: {}, invalid: 0, timedOut: 0, retriesExhausted: 0, fallback: 0 };
      steps.set(event.step, step);
    }
    if (event.kind === 'chosen') step.chosen[event.option] = (step.chosen[event.option] ?? 0) + 1;
    else if (event.kind === 'entered') step.entered++;
    else if (event.kind === 'invalid') step.invalid++;
    else if (event.kind === 'timed-out') step.timedOut++;
    else if (event.kind === 'retries-exhausted') step.retriesExhausted++;
    else step.fallback++;
  }
  return steps;
}
