import { describe, expect, it } from '@jest/globals';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { tokenQuery } from '../fixtures/pivotTestRuntime';
import { brokenAnswerReasons, invoke } from './support/answers';
import { countedRuntime } from './support/countedRuntime';

/**
 * Kazoo calls back the voice_url we answered with. That URL carries the call state
 * written with the prompt (sealed, lib/pivot/sealedFollowUp.ts), so a follow-up is
 * decided without a read and costs one conditional write; DynamoDB is still the
 * record, and a URL used twice is decided again on what is stored.
 */
type Runtime = Awaited<ReturnType<typeof countedRuntime>>;

/** races.test.ts races fifty on the read-modify-write path; the losers here take that path after one refused write. */
const RACERS = 20;
const PIN_PROMPT = { module: 'tts', data: { text: 'Now enter your four digit PIN.' } };

/** The voice_url of the pivot node a step prompt ends in: what Kazoo requests next. */
function followUpUrl(node: CallflowNode): URL {
  for (let n: CallflowNode | undefined = node; n; n = n.children?.['_']) {
    if (n.module === 'pivot') return new URL(String(n.data['voice_url']));
  }
  throw new Error(`no pivot node in ${JSON.stringify(node)}`);
}

function entryEvent(callId: string) {
  return pivotEventV2({
    as: 'get',
    route: 'account-pin',
    params: kazooParams({ 'Call-ID': callId }),
    voiceUrlQuery: tokenQuery('account-pin'),
  });
}

/** Kazoo's request to a follow-up URL, with the digits collected so far. */
function followUpEvent(url: URL, callId: string, digits: Record<string, string>, as: 'get' | 'form' | 'json' = 'get') {
  return pivotEventV2({
    as,
    route: 'account-pin',
    params: kazooParams({ 'Call-ID': callId, Digits: digits }),
    voiceUrlQuery: url.search.slice(1),
  });
}

/** Answers one request and returns its callflow and the DynamoDB commands it sent. */
async function step(rt: Runtime, event: unknown) {
  const before = rt.commands.length;
  const answer = await invoke(rt.handler, event);
  expect(brokenAnswerReasons(answer)).toEqual([]);
  return { node: answer.json as CallflowNode, commands: rt.commands.slice(before) };
}

describe('an IVR call, with the route cached', () => {
  it('costs one DynamoDB call per request: one write to enter, one write per answer', async () => {
    // Prepare: one call warms the route cache
    const rt = await countedRuntime();
    await step(rt, entryEvent('warm-up@10.0.0.1'));
    const callId = `one-call-${Date.now()}@10.0.0.1`;

    // Act
    const entry = await step(rt, entryEvent(callId));
    const account = await step(rt, followUpEvent(followUpUrl(entry.node), callId, { account: '12345' }));
    const pin = await step(rt, followUpEvent(followUpUrl(account.node), callId, { account: '12345', pin: '9876' }));

    // Assess: the caller is routed to billing, each request cost exactly one write
    expect(account.node).toMatchObject(PIN_PROMPT);
    expect(pin.node).toMatchObject({ module: 'set_variables', data: { custom_application_vars: { account: '12345', verified: 'yes' } } });
    expect([entry.commands, account.commands, pin.commands]).toEqual([['PutItemCommand'], ['PutItemCommand'], ['PutItemCommand']]);
    const state = await rt.runtime.callStates.get({ routeId: 'account-pin', callId });
    expect(state).toMatchObject({
      path: ['account', 'pin'],
      digits: { account: '12345', pin: '9876' },
      version: 3,
      outcome: 'option:pin.1',
    });
  });

  it('decides a PIN on the account collected at the earlier step, when Kazoo no longer sends it', async () => {
    // Prepare
    const rt = await countedRuntime();
    const callId = `carried-${Date.now()}@10.0.0.1`;
    const entry = await step(rt, entryEvent(callId));
    const account = await step(rt, followUpEvent(followUpUrl(entry.node), callId, { account: '24680' }));

    // Act: this request's Digits hold the PIN only
    const pin = await step(rt, followUpEvent(followUpUrl(account.node), callId, { pin: '9876' }));

    // Assess
    expect(pin.node).toMatchObject({ module: 'set_variables', data: { custom_application_vars: { account: '24680' } } });
    expect(pin.commands).toEqual(['PutItemCommand']);
  });

  it('counts a retry from the carried state: the third wrong PIN ends the call', async () => {
    // Prepare
    const rt = await countedRuntime();
    const callId = `retries-${Date.now()}@10.0.0.1`;
    const entry = await step(rt, entryEvent(callId));
    let prompt = (await step(rt, followUpEvent(followUpUrl(entry.node), callId, { account: '12345' }))).node;

    // Act
    const answers: CallflowNode[] = [];
    for (const pin of ['1111', '2222', '3333']) {
      prompt = (await step(rt, followUpEvent(followUpUrl(prompt), callId, { account: '12345', pin }))).node;
      answers.push(prompt);
    }

    // Assess
    expect(answers.map((a) => a.data['text'])).toEqual([
      'That PIN does not match the account.',
      'That PIN does not match the account.',
      'Sorry, we could not verify your account. Goodbye.',
    ]);
  });
});

describe('a follow-up URL used more than once', () => {
  it('is flagged as replayed and decided on the stored state, not on the state it carries', async () => {
    // Prepare: the caller answered the account step and is at the PIN
    const rt = await countedRuntime();
    const callId = `replay-${Date.now()}@10.0.0.1`;
    const entry = await step(rt, entryEvent(callId));
    const accountUrl = followUpUrl(entry.node);
    await step(rt, followUpEvent(accountUrl, callId, { account: '12345' }));

    // Act: the account step's URL again, with another account number
    const replay = await step(rt, followUpEvent(accountUrl, callId, { account: '24680' }));

    // Assess: one refused conditional write, then a read and a write; the log line says so
    expect(replay.node).toMatchObject(PIN_PROMPT);
    expect(replay.commands).toEqual(['PutItemCommand', 'GetItemCommand', 'PutItemCommand']);
    expect(rt.telemetry.lines.at(-1)).toMatchObject({ message: 'pivot answered', replayed: true, outcome: 'option:account.1' });
    const state = await rt.runtime.callStates.get({ routeId: 'account-pin', callId });
    expect(state).toMatchObject({ version: 3, path: ['account', 'pin'], digits: { account: '24680' } });
  });

  it('racing answers to one prompt keep every collection; one is decided on the carried state, the rest replayed', async () => {
    // Prepare
    const rt = await countedRuntime({ env: { BUDGET_MS: '20000' } });
    const callId = `sealed-race-${Date.now()}@10.0.0.1`;
    const url = followUpUrl((await step(rt, entryEvent(callId))).node);
    const before = rt.telemetry.lines.length;

    // Act
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        invoke(
          rt.handler,
          followUpEvent(url, callId, { account: '12345', [`probe${i}`]: `${1000 + i}` }, (['get', 'form', 'json'] as const)[i % 3]),
          21_000,
        ),
      ),
    );

    // Assess
    for (const answer of answers) {
      expect(brokenAnswerReasons(answer)).toEqual([]);
      expect(answer.json).toMatchObject(PIN_PROMPT);
    }
    const lines = rt.telemetry.lines.slice(before).filter((l) => l['message'] === 'pivot answered');
    expect(lines).toHaveLength(RACERS);
    expect(lines.filter((l) => l['replayed'] !== true)).toHaveLength(1);
    const state = await rt.runtime.callStates.get({ routeId: 'account-pin', callId });
    const probes = Object.fromEntries(Array.from({ length: RACERS }, (_, i) => [`probe${i}`, `${1000 + i}`]));
    expect(state?.digits).toEqual({ account: '12345', ...probes });
    expect(state).toMatchObject({ version: 1 + RACERS, step: 'pin', path: ['account', 'pin'] });
  });
});
