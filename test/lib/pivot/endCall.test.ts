import { describe, expect, it } from '@jest/globals';
import { emptyCallState } from '../../../lib/calls/callState';
import { AuthError, RouteNotFoundError } from '../../../lib/errors';
import { endCall, type EndCallDeps } from '../../../lib/pivot/endCall';
import { routeToken } from '../../../lib/pivot/routeCredentials';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { normalizeCdrRequest, type CdrRequest } from '../../../lib/request/normalizeCdrRequest';
import { CachedRulesStore } from '../../../lib/routes/rulesStore';
import { pivotHttpRequest } from '../../fixtures/apiGatewayEvents';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../../fixtures/inMemoryStores';
import { ACCOUNT_ID } from '../../fixtures/kazooCalls';

const KEYS = { current: 'route-key-for-unit-tests-0123456789' };
const MEMBER = '00000000000000000000000000000001';
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

function endCallUseCase() {
  const routes = InMemoryRouteSource.withExamples();
  routes.put('members-ivr', {
    id: 'members-ivr',
    timezone: 'UTC',
    accounts: [MEMBER],
    rules: [{ then: { goto: 'menu' } }],
    steps: { menu: { prompt: { tts: 'Press 1.' }, options: [{ digits: '1', then: VOICEMAIL }] } },
    fallback: VOICEMAIL,
  });
  const callStates = new InMemoryCallStateStore();
  const deps: EndCallDeps = { rules: new CachedRulesStore(routes), callStates, routeKeys: async () => KEYS, budgetMs: 2_500 };
  return { routes, callStates, end: (request: CdrRequest) => endCall(deps, request) };
}

function cdrRequest(route: string, params: KazooParams, options: { as?: 'form' | 'json'; voiceUrlQuery?: string } = {}): CdrRequest {
  const voiceUrlQuery = options.voiceUrlQuery ?? `token=${routeToken(KEYS.current, route)}`;
  return normalizeCdrRequest(pivotHttpRequest({ as: options.as ?? 'form', params, route, voiceUrlQuery, path: `/pivot/${route}/cdr` }));
}

/** Kazoo's cdr_url POST (a form of the channel-destroy event, Custom-Channel-Vars dropped) for one call. */
const kazooCdr = (route: string, callId: string, voiceUrlQuery?: string) =>
  cdrRequest(route, { 'Call-ID': callId, 'Hangup-Cause': 'NORMAL_CLEARING', 'Duration-Seconds': '42' }, { voiceUrlQuery });

/** Kazoo's webhooks app, `hook: channel_destroy`, `format: json`. */
const webhook = (route: string, callId: string, overrides: KazooParams = {}) =>
  cdrRequest(
    route,
    {
      call_id: callId,
      account_id: ACCOUNT_ID,
      hook_event: 'channel_destroy',
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: 42,
      ...overrides,
    },
    { as: 'json' },
  );

describe('endCall', () => {
  it('ends an IVR in progress and sums it up without a single digit typed', async () => {
    // Prepare: a call waiting in the pin step after giving its account
    const { callStates, end } = endCallUseCase();
    await callStates.update({ routeId: 'account-pin', callId: 'cdr-call' }, () => ({
      ...emptyCallState('cdr-call', 'account-pin'),
      step: 'pin',
      attempts: 1,
      path: ['account', 'pin'],
      digits: { account: '12345' },
      outcome: 'step:pin',
    }));

    // Act
    const { answer, summary } = await end(kazooCdr('account-pin', 'cdr-call'));

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ended', callId: 'cdr-call' });
    expect(summary).toEqual({
      callId: 'cdr-call',
      route: 'account-pin',
      steps: ['account', 'pin'],
      outcome: 'step:pin',
      digitCollections: 1,
      hangupCause: 'NORMAL_CLEARING',
      durationSeconds: '42',
    });
    expect(JSON.stringify(summary)).not.toContain('12345');
    expect(await callStates.get({ routeId: 'account-pin', callId: 'cdr-call' })).toMatchObject({ ended: true });
  });

  it('answers a call it never saw without error', async () => {
    // Prepare
    const { end } = endCallUseCase();

    // Act
    const { answer, summary } = await end(kazooCdr('account-pin', 'never-seen'));

    // Assess
    expect(JSON.parse(answer.body)).toEqual({ status: 'no-state', callId: 'never-seen' });
    expect(summary).toMatchObject({ callId: 'never-seen', route: 'account-pin', steps: [], digitCollections: 0 });
  });

  it('refuses a wrong token and leaves the call running', async () => {
    // Prepare
    const { callStates, end } = endCallUseCase();
    await callStates.update({ routeId: 'account-pin', callId: 'live-call' }, () => ({
      ...emptyCallState('live-call', 'account-pin'),
      step: 'account',
    }));

    // Act
    const outcome = end(kazooCdr('account-pin', 'live-call', 'token=wrong'));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(AuthError);
    expect(await callStates.get({ routeId: 'account-pin', callId: 'live-call' })).toMatchObject({ step: 'account' });
  });

  it("ends only its own route's state of a Call-ID", async () => {
    // Prepare: one Call-ID known to two routes
    const { callStates, end } = endCallUseCase();
    for (const routeId of ['account-pin', 'sales-support']) {
      await callStates.update({ routeId, callId: 'shared' }, () => ({ ...emptyCallState('shared', routeId), step: 'menu' }));
    }

    // Act
    const { answer } = await end(kazooCdr('sales-support', 'shared'));

    // Assess
    expect(JSON.parse(answer.body)).toEqual({ status: 'ended', callId: 'shared' });
    expect(await callStates.get({ routeId: 'sales-support', callId: 'shared' })).toMatchObject({ ended: true });
    expect((await callStates.get({ routeId: 'account-pin', callId: 'shared' }))?.ended).toBeUndefined();
  });

  it('refuses an unknown route before touching any call state', async () => {
    // Prepare
    const { end } = endCallUseCase();

    // Act
    const outcome = end(kazooCdr('no-such-route', 'some-call'));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(RouteNotFoundError);
  });

  it("ends a call from Kazoo's CHANNEL_DESTROY webhook, reading its snake_case names", async () => {
    // Prepare
    const { callStates, end } = endCallUseCase();
    await callStates.update({ routeId: 'account-pin', callId: 'hooked' }, () => ({
      ...emptyCallState('hooked', 'account-pin'),
      step: 'pin',
    }));

    // Act
    const { answer, summary, status } = await end(webhook('account-pin', 'hooked'));

    // Assess
    expect(status).toBe('ended');
    expect(JSON.parse(answer.body)).toEqual({ status: 'ended', callId: 'hooked' });
    expect(summary).toMatchObject({ hookEvent: 'channel_destroy', hangupCause: 'NORMAL_CLEARING', durationSeconds: '42' });
  });

  it('judges an Account-ID against the allowlist where the cdr names one, and trusts the token where it names none', async () => {
    // Prepare
    const { callStates, end } = endCallUseCase();
    const key = { routeId: 'members-ivr', callId: 'member-call' };
    await callStates.update(key, () => ({ ...emptyCallState('member-call', 'members-ivr'), step: 'menu' }));

    // Act
    const outsider = end(webhook('members-ivr', 'member-call', { account_id: ACCOUNT_ID }));
    await expect(outsider).rejects.toBeInstanceOf(AuthError);
    const stillLive = await callStates.get(key);
    const unnamed = await end(kazooCdr('members-ivr', 'member-call'));

    // Assess
    expect(stillLive?.ended).toBeUndefined();
    expect(unnamed.status).toBe('ended');
  });

  it('ignores another webhook event with a 200, before reading anything', async () => {
    // Prepare
    const { routes, callStates, end } = endCallUseCase();
    await callStates.update({ routeId: 'account-pin', callId: 'starting' }, () => ({
      ...emptyCallState('starting', 'account-pin'),
      step: 'account',
    }));

    // Act
    const { answer, status } = await end(webhook('account-pin', 'starting', { hook_event: 'channel_create' }));

    // Assess
    expect(status).toBe('ignored');
    expect(JSON.parse(answer.body)).toEqual({ status: 'ignored', callId: 'starting', hookEvent: 'channel_create' });
    expect(routes.reads).toEqual([]);
    expect((await callStates.get({ routeId: 'account-pin', callId: 'starting' }))?.ended).toBeUndefined();
  });
});
