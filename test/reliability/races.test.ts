import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPivotHandler } from '../../functions/pivot';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { followUpQueryFor, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { brokenAnswerReasons, invoke, printReport, report, type Answer, type PivotHandler } from './support/answers';

/**
 * Kazoo may retry, and a caller's keypresses may overlap: many follow-ups for one
 * call at one IVR step arrive at once. Optimistic concurrency on the call-state
 * item (conditional PutItem on `version`, read again and merge on a conflict)
 * must keep every collection, and every caller must still get a usable answer.
 */
const CONCURRENT = 50;
const ROUNDS = 2;
/**
 * dynalite serializes every call (~3 ms each on this machine, in jest's parent
 * process) and 50 racing writers cost ~900 calls, so the strict rounds run with a
 * budget that measures concurrency, not dynalite's speed. The deployed budget gets
 * its own round below, where being too slow may only ever mean a fallback.
 */
const ROOMY_BUDGET_MS = 20_000;
const DEPLOYED_BUDGET_MS = 2_500;
const MARGIN_MS = 250;

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
type Runtime = { setup: Setup; handler: PivotHandler; remainingMs: number };
let roomy: Runtime;
let deployed: Runtime;
const measured = { requests: 0, worstMsRoomy: 0, worstMsDeployed: 0, finalVersions: [] as number[], fallbacksAtDeployedBudget: 0 };

/** The Lambda timeout the stack derives from the budget (functionTimeoutFor in infra/PivotFunction.ts) is what the context reports. */
async function runtimeWithBudget(budgetMs: number): Promise<Runtime> {
  const setup = await pivotTestRuntime({ env: { BUDGET_MS: String(budgetMs) } });
  const remainingMs = Math.ceil((budgetMs + 500) / 1000) * 1000;
  return { setup, handler: createPivotHandler(() => setup.runtime, setup.telemetry), remainingMs };
}

beforeAll(async () => {
  roomy = await runtimeWithBudget(ROOMY_BUDGET_MS);
  deployed = await runtimeWithBudget(DEPLOYED_BUDGET_MS);
});

afterAll(() => {
  report('races', { ...measured, worstMsRoomy: Math.round(measured.worstMsRoomy), worstMsDeployed: Math.round(measured.worstMsDeployed) });
  printReport('races');
});

function followUp(callId: string, i: number) {
  const as = (['get', 'form', 'json'] as const)[i % 3]!;
  const params = kazooParams({ 'Call-ID': callId, Digits: { account: '12345', [`probe${i}`]: `${1000 + i}` } });
  return pivotEventV2({ as, route: 'account-pin', params, voiceUrlQuery: followUpQueryFor('account-pin', callId, 'account') });
}

/** Enters the IVR, then sends the fifty follow-ups at once. */
async function race({ setup, handler, remainingMs }: Runtime, label: string) {
  const callId = `race-${label}-${Date.now()}@10.0.0.12`;
  const entry = await invoke(
    handler,
    pivotEventV2({ as: 'get', route: 'account-pin', params: kazooParams({ 'Call-ID': callId }), voiceUrlQuery: tokenQuery('account-pin') }),
  );
  expect(entry.json).toMatchObject({ module: 'tts', data: { text: 'Please enter your five digit account number.' } });
  const before = setup.telemetry.lines.length;
  const answers: Answer[] = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => invoke(handler, followUp(callId, i), remainingMs)),
  );
  measured.requests += answers.length;
  const degraded = setup.telemetry.lines.slice(before).filter((l) => l['message'] === 'pivot answered in degraded mode');
  const state = await setup.runtime.callStates.get({ routeId: 'account-pin', callId });
  return { answers, degraded, state };
}

const PIN_PROMPT = { module: 'tts', data: { text: 'Now enter your four digit PIN.' } };
const probes = (indexes: number[]) => Object.fromEntries(indexes.map((i) => [`probe${i}`, `${1000 + i}`]));

describe('fifty concurrent follow-ups for one Call-ID at one IVR step', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => [round + 1]))(
    'keep every digits collection and give every request the next prompt (round %i)',
    async (round) => {
      // Act
      const { answers, degraded, state } = await race(roomy, `roomy-${round}`);

      // Assess: every caller is asked for the PIN; none got a fallback or an error
      measured.worstMsRoomy = Math.max(measured.worstMsRoomy, ...answers.map((a) => a.elapsedMs));
      for (const answer of answers) {
        expect(brokenAnswerReasons(answer)).toEqual([]);
        expect(answer.json).toMatchObject(PIN_PROMPT);
      }
      expect(degraded).toEqual([]);

      // Assess: the stored state holds all fifty collections, each written exactly once
      expect(state?.digits).toEqual({ account: '12345', ...probes([...Array(CONCURRENT).keys()]) });
      expect(state?.step).toBe('pin');
      expect(state?.path).toEqual(['account', 'pin']);
      expect(state?.version).toBe(1 + CONCURRENT);
      measured.finalVersions.push(state!.version);
    },
  );

  it(`at the deployed ${DEPLOYED_BUDGET_MS} ms budget: every answer is usable and in time, and no acknowledged collection is lost`, async () => {
    // Act
    const { answers, state } = await race(deployed, 'deployed');

    // Assess: a request dynalite could not serve in time got the fallback, never a broken answer
    measured.worstMsDeployed = Math.max(...answers.map((a) => a.elapsedMs));
    const acknowledged: number[] = [];
    answers.forEach((answer, i) => {
      expect(brokenAnswerReasons(answer)).toEqual([]);
      expect(answer.elapsedMs).toBeLessThan(DEPLOYED_BUDGET_MS + MARGIN_MS);
      if ((answer.json as { module?: string }).module === 'tts') acknowledged.push(i);
      else expect(answer.json).toEqual({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
    });
    measured.fallbacksAtDeployedBudget = CONCURRENT - acknowledged.length;

    // Assess: every caller who was asked for the PIN has their digits stored, none twice
    expect(state?.digits).toMatchObject(probes(acknowledged));
    expect(state?.version).toBe(1 + Object.keys(state?.digits ?? {}).length - 1);

    // Tidy: writes the late requests already sent are still queued in dynalite; this
    // conditional write on the same item queues behind them, so none outlives the test.
    await deployed.setup.runtime.callStates.end(state!);
  });
});
