import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createPivotHandler } from '../../functions/pivot';
import { pivotTestRuntime } from '../fixtures/pivotTestRuntime';
import { type Answer, brokenAnswerReasons, invoke, type PivotHandler, printReport, report } from './support/answers';
import { eventOf, oddEvent, requestParts } from './support/requestArbitraries';

/**
 * The whole handler (middy, size limits, body parser, normalizer, rules, call
 * state on dynalite, rendering) under generated requests. Kazoo can only act on
 * a 200 with a schema-valid node and Content-Type application/json, or on a
 * deliberate 4xx / 503 JSON error: nothing else may come out, not even once.
 */
const GENERATED_RUNS = 2_600;
const ODD_EVENT_RUNS = 400;
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z');

let handler: PivotHandler;
let lines: Record<string, unknown>[];
const statuses: Record<string, number> = {};
/** What the answers were (rule, step, option, retry, fallback, degraded, AuthError...): shows the fuzz reaches the rules. */
const outcomes: Record<string, number> = {};
/** Why a degraded answer was given (no store fault is injected here, so each one is explained in the report). */
const degradedCauses: Record<string, number> = {};
/** The project's own errors; anything else in a log line (TypeError, RangeError...) is a bug hidden behind a fallback or a 503. */
const NAMED_ERRORS = new Set([
  'InvalidRequestError',
  'RequestTooLargeError',
  'AuthError',
  'FollowUpRefusedError',
  'RouteNotFoundError',
  'StoreUnavailableError',
  'DeadlineExceededError',
]);
const unexpectedErrors = new Set<string>();
let slowestMs = 0;

beforeAll(async () => {
  const setup = await pivotTestRuntime({ now: BUSINESS_HOURS });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  lines = setup.telemetry.lines;
});

afterAll(() => {
  report('handler fuzz', { runs: GENERATED_RUNS + ODD_EVENT_RUNS, statuses, outcomes, degradedCauses, slowestMs: Math.round(slowestMs) });
  printReport('handler');
});

async function answerProblems(event: unknown): Promise<string[]> {
  let answer: Answer;
  try {
    answer = await invoke(handler, event);
  } catch (error) {
    return [`the handler threw: ${String(error)}`];
  }
  statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
  slowestMs = Math.max(slowestMs, answer.elapsedMs);
  if (({} as Record<string, unknown>)['polluted'] !== undefined) return ['Object.prototype was polluted'];
  for (const line of lines) {
    const kind = typeof line['outcome'] === 'string' ? line['outcome'].split(/[:.]/)[0]! : undefined;
    if (kind) outcomes[kind] = (outcomes[kind] ?? 0) + 1;
    const error = line['error'] as { name?: string; message?: string } | undefined;
    if (error) {
      const why = `${error.name}: ${String(error.message).replace(/\d+/g, 'N').slice(0, 100)}`;
      if (kind === 'degraded') degradedCauses[why] = (degradedCauses[why] ?? 0) + 1;
      if (!NAMED_ERRORS.has(String(error.name))) unexpectedErrors.add(why);
    }
  }
  // The captured telemetry would otherwise grow to thousands of lines.
  lines.length = 0;
  return brokenAnswerReasons(answer);
}

describe('pivot handler under generated requests', () => {
  it(`answers every one of ${GENERATED_RUNS} random and mutated requests with a usable answer`, async () => {
    await fc.assert(
      fc.asyncProperty(requestParts, async (parts) => {
        // Act / Assess
        expect(await answerProblems(eventOf(parts))).toEqual([]);
      }),
      { numRuns: GENERATED_RUNS },
    );
    // The generator must reach the routing code, not only the refusals.
    expect(statuses[200] ?? 0).toBeGreaterThan(GENERATED_RUNS / 10);
    expect(statuses[500]).toBeUndefined();
    expect([...unexpectedErrors]).toEqual([]);
  });

  it(`answers events with wrong types in any field with a JSON error (${ODD_EVENT_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(oddEvent, async (event) => {
        // Act / Assess
        expect(await answerProblems(event)).toEqual([]);
      }),
      { numRuns: ODD_EVENT_RUNS },
    );
    expect([...unexpectedErrors]).toEqual([]);
  });
});
