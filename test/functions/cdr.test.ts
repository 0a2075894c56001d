import { beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCdrHandler } from '../../functions/cdr';
import { createPivotHandler } from '../../functions/pivot';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { ACCOUNT_ID, kazooParams, VOICEMAIL_ID } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, routeTokenFor, tokenQuery } from '../fixtures/pivotTestRuntime';

type Result = APIGatewayProxyStructuredResultV2 & { json: Record<string, unknown> };

let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;
let pivot: ReturnType<typeof createPivotHandler>;
let cdr: ReturnType<typeof createCdrHandler>;

const MEMBER = '00000000000000000000000000000001';
const OUTSIDER = ACCOUNT_ID;
const ASK_PIN = 'Now enter your four digit PIN.';

beforeAll(async () => {
  setup = await pivotTestRuntime();
  pivot = createPivotHandler(() => setup.runtime, setup.telemetry);
  cdr = createCdrHandler(() => setup.runtime, setup.telemetry);
  await setup.admin.putRoute(
    'members-ivr',
    JSON.stringify({
      id: 'members-ivr',
      timezone: 'UTC',
      accounts: [MEMBER],
      rules: [{ then: { goto: 'menu' } }],
      steps: {
        menu: { prompt: { tts: 'Press 1.' }, options: [{ digits: '1', then: { module: 'voicemail', data: { id: VOICEMAIL_ID } } }] },
      },
      fallback: { module: 'voicemail', data: { id: VOICEMAIL_ID } },
    }),
  );
});

async function invoke(handler: typeof pivot, event: unknown): Promise<Result> {
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...result, json: JSON.parse(result.body!) as Record<string, unknown> };
}

function entry(route: string, callId: string, params: KazooParams = {}) {
  return pivotEventV2({ as: 'get', route, params: kazooParams({ 'Call-ID': callId, ...params }), voiceUrlQuery: tokenQuery(route) });
}

/** The request Kazoo sends when the answer's pivot node calls us back: its voice_url, as we signed it. */
function followUp(answer: Result, callId: string, digits: KazooParams, params: KazooParams = {}) {
  let node = answer.json as unknown as CallflowNode | undefined;
  while (node && node.module !== 'pivot') node = node.children?.['_'];
  const url = new URL(node!.data['voice_url'] as string);
  const route = url.pathname.split('/').pop()!;
  return pivotEventV2({
    as: 'get',
    route,
    params: kazooParams({ 'Call-ID': callId, Digits: digits, ...params }),
    voiceUrlQuery: url.search.slice(1),
  });
}

/** Kazoo's cdr_url POST: a form of the channel-destroy event, Kazoo names, Custom-Channel-Vars (and so the Account-ID) dropped. */
function cdrEvent(route: string, callId: string, voiceUrlQuery = tokenQuery(route)) {
  const params = { 'Call-ID': callId, 'Hangup-Cause': 'NORMAL_CLEARING', 'Duration-Seconds': '42' };
  return pivotEventV2({ as: 'form', params, route, voiceUrlQuery, path: `/pivot/${route}/cdr` });
}

/** What Kazoo's webhooks app posts for `hook: channel_destroy` (webhooks_channel_util:base_hook_event), in either `format`. */
function webhookEvent(route: string, callId: string, as: 'json' | 'form', overrides: KazooParams = {}) {
  const params: KazooParams = {
    account_id: ACCOUNT_ID,
    call_direction: 'inbound',
    call_id: callId,
    caller_id_name: 'Ada Lovelace',
    caller_id_number: '+14155550123',
    custom_channel_vars: { 'Account-ID': ACCOUNT_ID, 'Authorizing-Type': 'device' },
    from: '+14155550123@sip.example.com',
    hook_event: 'channel_destroy',
    hangup_cause: 'NORMAL_CLEARING',
    hangup_code: 'sip:200',
    duration_seconds: 42,
    billing_seconds: 30,
    ringing_seconds: 3,
    is_internal_leg: false,
    other_leg_call_id: 'b-leg-0f1e2d3c@10.0.0.12',
    request: '+12125550100@sip.example.com',
    timestamp: 63_901_234_567,
    to: '+12125550100@sip.example.com',
    ...overrides,
  };
  return pivotEventV2({ as, params, route, voiceUrlQuery: tokenQuery(route), path: `/pivot/${route}/cdr` });
}

/** Enters account-pin and answers the account step: the call now waits at the PIN step. */
async function callWaitingForPin(callId: string): Promise<{ askPin: Result; askAccount: Result }> {
  const askAccount = await invoke(pivot, entry('account-pin', callId));
  const askPin = await invoke(pivot, followUp(askAccount, callId, { account: '12345' }));
  expect(askPin.json).toMatchObject({ module: 'tts', data: { text: ASK_PIN } });
  return { askAccount, askPin };
}

const stateOf = (routeId: string, callId: string) => setup.runtime.callStates.get({ routeId, callId });

describe('cdr handler', () => {
  it('ends the call state of an IVR in progress and logs a one-line summary without digits', async () => {
    // Prepare: a call that is waiting in the account step
    await invoke(pivot, entry('account-pin', 'cdr-call-1', { Digits: { account: '12345' } }));
    const before = setup.telemetry.lines.length;

    // Act
    const result = await invoke(cdr, cdrEvent('account-pin', 'cdr-call-1'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ status: 'ended', callId: 'cdr-call-1' });
    expect(await stateOf('account-pin', 'cdr-call-1')).toMatchObject({ ended: true });
    const summary = setup.telemetry.lines.slice(before).find((l) => l['message'] === 'call ended')!;
    expect(summary).toMatchObject({
      callId: 'cdr-call-1',
      route: 'account-pin',
      steps: ['account'],
      hangupCause: 'NORMAL_CLEARING',
      durationSeconds: '42',
    });
    expect(JSON.stringify(summary)).not.toContain('12345');
  });

  it('answers a call it never saw without error', async () => {
    // Act
    const result = await invoke(cdr, cdrEvent('account-pin', 'never-seen'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toMatchObject({ status: 'no-state' });
  });

  it('refuses a wrong token before touching the call state', async () => {
    // Prepare
    await callWaitingForPin('cdr-wrong-token');

    // Act
    const result = await invoke(cdr, cdrEvent('account-pin', 'cdr-wrong-token', 'token=wrong'));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.json).toMatchObject({ error: 'forbidden' });
    expect(await stateOf('account-pin', 'cdr-wrong-token')).toMatchObject({ step: 'pin' });
  });

  it('answers an unknown route 404, as the pivot path does', async () => {
    // Act
    const result = await invoke(cdr, cdrEvent('no-such-route', 'cdr-unknown-route'));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.json).toMatchObject({ error: 'not_found' });
  });
});

describe('call state belongs to its route', () => {
  it("a call on route B with route A's Call-ID neither reads nor changes A's state", async () => {
    // Prepare: route A (account-pin) waits for the PIN of this Call-ID
    const callId = 'shared-call-id@10.0.0.12';
    const { askPin } = await callWaitingForPin(callId);
    const onA = await stateOf('account-pin', callId);

    // Act: the same Call-ID enters route B (sales-support) and answers its menu with a wrong key
    const menu = await invoke(pivot, entry('sales-support', callId));
    const retry = await invoke(pivot, followUp(menu, callId, { default: '9' }));

    // Assess: B started from nothing, A is exactly as it was and still runs
    expect(menu.json).toMatchObject({ module: 'tts' });
    expect(retry.statusCode).toBe(200);
    const onB = await stateOf('sales-support', callId);
    expect(onB).toMatchObject({ routeId: 'sales-support', path: ['menu'], attempts: 2 });
    expect(onB?.digits).not.toHaveProperty('account');
    expect(await stateOf('account-pin', callId)).toEqual(onA);
    const routed = await invoke(pivot, followUp(askPin, callId, { account: '12345', pin: '9876' }));
    expect(routed.json).toMatchObject({ module: 'set_variables', data: { custom_application_vars: { account: '12345' } } });
  });

  it("/cdr on route B does not end route A's call", async () => {
    // Prepare
    const callId = 'cross-route-cdr@10.0.0.12';
    const { askPin } = await callWaitingForPin(callId);

    // Act
    const result = await invoke(cdr, cdrEvent('sales-support', callId));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ status: 'no-state', callId });
    expect(await stateOf('account-pin', callId)).toMatchObject({ step: 'pin' });
    expect((await stateOf('account-pin', callId))?.ended).toBeUndefined();
    const routed = await invoke(pivot, followUp(askPin, callId, { account: '12345', pin: '9876' }));
    expect(routed.statusCode).toBe(200);
    expect(routed.json).toMatchObject({ module: 'set_variables' });
  });
});

describe('an ended call stays ended', () => {
  it('refuses a replayed follow-up after the cdr with a quick 410, and the stored state stays ended', async () => {
    // Prepare
    const callId = 'replay-after-cdr@10.0.0.12';
    const { askPin } = await callWaitingForPin(callId);
    const replay = followUp(askPin, callId, { account: '12345', pin: '9876' });
    await invoke(cdr, cdrEvent('account-pin', callId));
    const ended = await stateOf('account-pin', callId);
    const before = setup.telemetry.lines.length;

    // Act
    const replayed = await invoke(pivot, replay);

    // Assess
    expect(replayed.statusCode).toBe(410);
    expect(replayed.headers?.['Content-Type']).toBe('application/json');
    expect(replayed.json).toEqual({ error: 'call_ended', message: 'this call has already ended' });
    expect(ended).toMatchObject({ ended: true, step: 'pin' });
    expect(await stateOf('account-pin', callId)).toEqual(ended);
    const logged = setup.telemetry.lines.slice(before).find((l) => l['message'] === 'pivot refused');
    expect(logged).toMatchObject({ outcome: 'CallEndedError', status: 410 });
  });

  it('refuses a fresh entry with the Call-ID of an ended IVR call: Kazoo never reuses one', async () => {
    // Prepare
    const callId = 'reentry-after-cdr@10.0.0.12';
    await callWaitingForPin(callId);
    await invoke(cdr, cdrEvent('account-pin', callId));
    const ended = await stateOf('account-pin', callId);

    // Act
    const reentered = await invoke(pivot, entry('account-pin', callId));

    // Assess
    expect(reentered.statusCode).toBe(410);
    expect(reentered.json).toMatchObject({ error: 'call_ended' });
    expect(await stateOf('account-pin', callId)).toEqual(ended);
  });
});

describe("Kazoo's CHANNEL_DESTROY webhook", () => {
  it.each(['json', 'form'] as const)('ends the call when posted as %s, and logs the hangup', async (as) => {
    // Prepare
    const callId = `webhook-${as}@10.0.0.12`;
    const { askPin } = await callWaitingForPin(callId);
    const before = setup.telemetry.lines.length;

    // Act
    const result = await invoke(cdr, webhookEvent('account-pin', callId, as));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ status: 'ended', callId });
    expect(await stateOf('account-pin', callId)).toMatchObject({ ended: true });
    const summary = setup.telemetry.lines.slice(before).find((l) => l['message'] === 'call ended');
    expect(summary).toMatchObject({
      callId,
      accountId: ACCOUNT_ID,
      route: 'account-pin',
      hookEvent: 'channel_destroy',
      hangupCause: 'NORMAL_CLEARING',
      durationSeconds: '42',
    });
    const replayed = await invoke(pivot, followUp(askPin, callId, { account: '12345', pin: '9876' }));
    expect(replayed.statusCode).toBe(410);
  });

  it('does not end the call when the webhook names an account the route does not allow', async () => {
    // Prepare
    const callId = 'members-webhook@10.0.0.12';
    const menu = await invoke(pivot, entry('members-ivr', callId, { 'Account-ID': MEMBER }));
    expect(menu.json).toMatchObject({ module: 'tts' });

    // Act
    const outsider = await invoke(cdr, webhookEvent('members-ivr', callId, 'json', { account_id: OUTSIDER }));
    const stillLive = await stateOf('members-ivr', callId);
    const member = await invoke(cdr, webhookEvent('members-ivr', callId, 'json', { account_id: MEMBER }));

    // Assess
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json).toMatchObject({ error: 'not_found' });
    expect(stillLive).toMatchObject({ step: 'menu' });
    expect(stillLive?.ended).toBeUndefined();
    expect(member.json).toEqual({ status: 'ended', callId });
  });

  it('answers another hook event 200 "ignored" and leaves the call running', async () => {
    // Prepare: a webhook set to `all` also posts channel_create and channel_answer
    const callId = 'webhook-create@10.0.0.12';
    await callWaitingForPin(callId);

    // Act
    const result = await invoke(cdr, webhookEvent('account-pin', callId, 'form', { hook_event: 'channel_answer' }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ status: 'ignored', callId, hookEvent: 'channel_answer' });
    expect((await stateOf('account-pin', callId))?.ended).toBeUndefined();
  });

  it("reads the webhook's snake_case names on the cdr path only: a pivot request still needs Call-ID", async () => {
    // Act
    const result = await invoke(
      pivot,
      pivotEventV2({
        as: 'json',
        route: 'main-number',
        params: { call_id: 'snake@10.0.0.12', account_id: ACCOUNT_ID },
        voiceUrlQuery: tokenQuery('main-number'),
      }),
    );

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.json).toMatchObject({ error: 'invalid_request', field: 'Call-ID' });
  });
});

describe('what the cdr logs', () => {
  it('never writes a route token, after every cdr, webhook and refusal above', () => {
    // Act
    const logged = JSON.stringify(setup.telemetry.lines);

    // Assess
    const cdrLines = setup.telemetry.lines.filter((l) => ['call ended', 'cdr refused', 'cdr event ignored'].includes(String(l['message'])));
    expect(cdrLines.length).toBeGreaterThan(5);
    for (const route of ['account-pin', 'sales-support', 'members-ivr']) expect(logged).not.toContain(routeTokenFor(route));
  });
});
