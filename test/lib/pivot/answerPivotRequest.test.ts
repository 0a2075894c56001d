import { describe, expect, it } from '@jest/globals';
import type { CallflowNode } from '../../../lib/callflow/callflowNode';
import type { CallState } from '../../../lib/calls/callState';
import { StoreUnavailableError } from '../../../lib/errors';
import { answerPivotRequest, type PivotDeps } from '../../../lib/pivot/answerPivotRequest';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import { CachedRulesStore, type RouteSource } from '../../../lib/routes/rulesStore';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../../fixtures/inMemoryStores';
import { CALL_ID } from '../../fixtures/kazooCalls';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { followUpQueryFor, TEST_ROUTE_KEYS, tokenQuery } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z'); // Tuesday 12:00 in New York
const API_ORIGIN = 'https://abc123.execute-api.us-east-1.amazonaws.com';
const FOLLOW_UP_TTL_SECONDS = 3600;
/** Follow-up URLs answered at BUSINESS_HOURS expire an hour later. */
const FOLLOW_UP_EXPIRY = BUSINESS_HOURS.getTime() / 1000 + FOLLOW_UP_TTL_SECONDS;
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
/** A follow-up URL without its signature's value: the signature seals the call state, freshly each time (sealedFollowUp.ts). */
const unsigned = (url: unknown) => String(url).replace(/sig=[^&]*/, 'sig=');

/** The use case on in-memory stores holding every example route. */
function pivotUseCase(overrides: Partial<PivotDeps> & { source?: RouteSource } = {}) {
  const routes = InMemoryRouteSource.withExamples();
  const callStates = new InMemoryCallStateStore({ now: () => BUSINESS_HOURS.getTime() });
  const deps: PivotDeps = {
    rules: new CachedRulesStore(overrides.source ?? routes, { ttlMs: 0 }),
    callStates,
    routeKeys: async () => TEST_ROUTE_KEYS,
    followUpTtlSeconds: FOLLOW_UP_TTL_SECONDS,
    budgetMs: 2_500,
    ...overrides,
  };
  const answer = async (request: PivotRequest, origin = API_ORIGIN) => {
    const result = await answerPivotRequest(deps, request, { now: BUSINESS_HOURS, routeUrl: `${origin}/pivot/${request.routeId}` });
    return { ...result, json: JSON.parse(result.answer.body) as CallflowNode & Record<string, unknown> };
  };
  return { routes, callStates, answer };
}

function request(route: string, params: KazooParams = {}, voiceUrlQuery = tokenQuery(route)): PivotRequest {
  return kazooRequest(params, { route, voiceUrlQuery });
}

/** The request Kazoo sends when the answer's pivot node calls us back with these digits. */
function followUp(answer: CallflowNode, callId: string, digits: KazooParams): PivotRequest {
  let node: CallflowNode | undefined = answer;
  while (node && node.module !== 'pivot') node = node.children?.['_'];
  const url = new URL(node!.data['voice_url'] as string);
  return request(url.pathname.split('/').pop()!, { 'Call-ID': callId, Digits: digits }, url.search.slice(1));
}

describe('answerPivotRequest: routing', () => {
  it('answers a plain routing rule and keeps no call state for it', async () => {
    // Prepare
    const { callStates, answer } = pivotUseCase();

    // Act
    const result = await answer(request('main-number', { 'Call-ID': 'plain-call' }));

    // Assess
    expect(result.answer.statusCode).toBe(200);
    expect(result.json).toEqual({
      module: 'device',
      data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90', timeout: 20 },
      children: { _: VOICEMAIL },
    });
    expect(await callStates.get({ routeId: 'main-number', callId: 'plain-call' })).toBeUndefined();
  });

  it.each([
    ['no token', '', 401],
    ['a wrong token', 'token=guess', 403],
  ])('refuses %s before reading any route', async (_label, voiceUrlQuery, status) => {
    // Prepare
    const { routes, answer } = pivotUseCase();

    // Act
    const result = await answer(request('main-number', {}, voiceUrlQuery));

    // Assess
    expect(result.answer.statusCode).toBe(status);
    expect(routes.reads).toEqual([]);
  });

  it('answers an Account-ID outside the allowlist exactly as an unknown route', async () => {
    // Prepare
    const { routes, answer } = pivotUseCase();
    routes.put('allowlisted', {
      id: 'allowlisted',
      timezone: 'UTC',
      accounts: ['00000000000000000000000000000001'],
      fallback: { module: 'hangup', data: {} },
    });

    // Act
    const unknown = await answer(request('no-such-route'));
    const outsider = await answer(request('allowlisted'));
    const member = await answer(request('allowlisted', { 'Account-ID': '00000000000000000000000000000001' }));

    // Assess
    expect(unknown.answer.statusCode).toBe(404);
    expect(outsider.answer).toEqual(unknown.answer);
    expect(member.json).toEqual({ module: 'hangup', data: {} });
  });
});

describe('answerPivotRequest: a multi-step IVR', () => {
  it('collects an account, then a PIN, then routes, keeping the call in the call state', async () => {
    // Prepare
    const { callStates, answer } = pivotUseCase();
    const callId = 'ivr-call';

    // Act
    const askAccount = (await answer(request('account-pin', { 'Call-ID': callId }))).json;
    const askPin = (await answer(followUp(askAccount, callId, { account: '12345' }))).json;
    const routed = (await answer(followUp(askPin, callId, { account: '12345', pin: '9876' }))).json;

    // Assess
    for (const node of [askAccount, askPin, routed]) expectKazooValid(node);
    expect(askAccount.data['text']).toBe('Please enter your five digit account number.');
    expect(askPin.data['text']).toBe('Now enter your four digit PIN.');
    expect(routed).toMatchObject({ module: 'set_variables', data: { custom_application_vars: { account: '12345', verified: 'yes' } } });
    expect(await callStates.get({ routeId: 'account-pin', callId })).toMatchObject({
      routeId: 'account-pin',
      path: ['account', 'pin'],
      digits: { account: '12345', pin: '9876' },
    });
  });

  it("names the route's fallback as the step prompt's way out if calling us back fails", async () => {
    // Prepare
    const { answer } = pivotUseCase();

    // Act
    const prompt = (await answer(request('account-pin'))).json;

    // Assess
    const pivot = prompt.children!['_']!.children!['_']!;
    const signed = followUpQueryFor('account-pin', CALL_ID, 'account', { expiresAt: FOLLOW_UP_EXPIRY });
    expect(pivot.module).toBe('pivot');
    expect(unsigned(pivot.data['voice_url'])).toBe(unsigned(`${API_ORIGIN}/pivot/account-pin?${signed}`));
    expect(pivot.children).toEqual({ _: VOICEMAIL });
  });
});

describe('answerPivotRequest: when a store fails', () => {
  it("answers the last known route's fallback while the route store is down, and 503 for a route never seen", async () => {
    // Prepare
    const routes = InMemoryRouteSource.withExamples();
    let down = false;
    const source: RouteSource = {
      fetchRouteDocument: async (routeId, options) => {
        if (down) throw new Error('table unreachable');
        return routes.fetchRouteDocument(routeId, options);
      },
    };
    const { answer } = pivotUseCase({ source });
    await answer(request('main-number'));
    down = true;

    // Act
    const known = await answer(request('main-number'));
    const neverSeen = await answer(request('vip-callers'));

    // Assess
    expect(known.answer.statusCode).toBe(200);
    expect(known.json).toEqual(VOICEMAIL);
    expect(neverSeen.answer.statusCode).toBe(503);
  });

  it("answers an IVR's fallback when its call state cannot be written", async () => {
    // Prepare
    class UnwritableCallStates extends InMemoryCallStateStore {
      override async update(): Promise<CallState> {
        throw new StoreUnavailableError('call state write failed');
      }
    }
    const { answer } = pivotUseCase({ callStates: new UnwritableCallStates() });

    // Act
    const result = await answer(request('account-pin'));

    // Assess
    expect(result.answer.statusCode).toBe(200);
    expect(result.json).toEqual(VOICEMAIL);
  });

  it('answers within the budget when the route store stalls', async () => {
    // Prepare
    const stalled: RouteSource = { fetchRouteDocument: () => new Promise(() => undefined) };
    const { answer } = pivotUseCase({ source: stalled, budgetMs: 100 });
    const started = performance.now();

    // Act
    const result = await answer(request('main-number'));

    // Assess
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.answer.statusCode).toBe(503);
  });
});

describe('answerPivotRequest: loopback voice_urls', () => {
  it('never pivots back to a loopback origin under the default policy: Kazoo would refuse it', async () => {
    // Prepare
    const { answer } = pivotUseCase();

    // Act
    const result = await answer(request('account-pin'), 'http://127.0.0.1:3000');

    // Assess
    expect(result.json).toEqual(VOICEMAIL);
  });

  it('pivots back to loopback when the runtime allows it, as the local server does', async () => {
    // Prepare
    const { answer } = pivotUseCase({ callflowPolicy: { allowLoopbackUrls: true } });

    // Act
    const result = await answer(request('account-pin'), 'http://127.0.0.1:3000');

    // Assess
    const pivot = result.json.children!['_']!.children!['_']!;
    const signed = followUpQueryFor('account-pin', CALL_ID, 'account', { expiresAt: FOLLOW_UP_EXPIRY });
    expect(unsigned(pivot.data['voice_url'])).toBe(unsigned(`http://127.0.0.1:3000/pivot/account-pin?${signed}`));
  });
});
