import { describe, expect, it } from '@jest/globals';
import type { CallflowNode } from '../../../lib/callflow/callflowNode';
import { answerPivotRequest, type PivotDeps } from '../../../lib/pivot/answerPivotRequest';
import type { RouteKeys } from '../../../lib/pivot/routeCredentials';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import { CachedRulesStore } from '../../../lib/routes/rulesStore';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../../fixtures/inMemoryStores';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { followUpQueryFor, TEST_ROUTE_KEY, tokenQuery } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

/**
 * A route's token opens that route only, and an IVR step's follow-up URL opens
 * that step of that call only, until it expires. Whatever is refused is refused
 * before any store is read: no route read, no call state read or written.
 */
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z'); // Tuesday 12:00 in New York
const TTL_SECONDS = 3600;
const ORIGIN = 'https://abc123.execute-api.us-east-1.amazonaws.com';
const NEW_KEY = 'the-new-route-key-0123456789';
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

/** Counts every call-state operation, so a test can show a refused request touched none. */
class CountedCallStates extends InMemoryCallStateStore {
  touched = 0;
  override async get(...args: Parameters<InMemoryCallStateStore['get']>) {
    this.touched++;
    return super.get(...args);
  }
  override async update(...args: Parameters<InMemoryCallStateStore['update']>) {
    this.touched++;
    return super.update(...args);
  }
  override async end(...args: Parameters<InMemoryCallStateStore['end']>) {
    this.touched++;
    return super.end(...args);
  }
}

function pivotUseCase(keys: RouteKeys = { current: TEST_ROUTE_KEY }) {
  const routes = InMemoryRouteSource.withExamples();
  const callStates = new CountedCallStates({ now: () => BUSINESS_HOURS.getTime() });
  const deps: PivotDeps = {
    rules: new CachedRulesStore(routes, { ttlMs: 0 }),
    callStates,
    routeKeys: async () => keys,
    followUpTtlSeconds: TTL_SECONDS,
    budgetMs: 2_500,
  };
  const answer = async (request: PivotRequest, now = BUSINESS_HOURS) => {
    const result = await answerPivotRequest(deps, request, { now, routeUrl: `${ORIGIN}/pivot/${request.routeId}` });
    return { ...result, json: JSON.parse(result.answer.body) as CallflowNode & Record<string, unknown> };
  };
  /** What the stores saw: route ids read, call-state operations. */
  const reads = () => ({ routes: routes.reads.length, callStates: callStates.touched });
  return { answer, reads, setKeys: (next: RouteKeys) => (keys = next) };
}

function request(route: string, params: KazooParams = {}, voiceUrlQuery = tokenQuery(route)): PivotRequest {
  return kazooRequest(params, { route, voiceUrlQuery });
}

/** The voice_url of the answer's pivot node: where Kazoo sends the caller's digits. */
function voiceUrlOf(answer: CallflowNode): URL {
  let node: CallflowNode | undefined = answer;
  while (node && node.module !== 'pivot') node = node.children?.['_'];
  return new URL(node!.data['voice_url'] as string);
}

/** The follow-up Kazoo sends from the answer's pivot node, for this Call-ID and these digits. */
function followUpFrom(answer: CallflowNode, callId: string, digits: KazooParams): PivotRequest {
  const url = voiceUrlOf(answer);
  return request(url.pathname.split('/').pop()!, { 'Call-ID': callId, Digits: digits }, url.search.slice(1));
}

describe('a route token opens its own route only', () => {
  it("refuses route A's token on route B before reading anything, as it refuses a wrong token", async () => {
    // Prepare
    const { answer, reads } = pivotUseCase();

    // Act
    const crossed = await answer(request('vip-callers', { 'Call-ID': 'crossed' }, tokenQuery('main-number')));
    const wrong = await answer(request('vip-callers', { 'Call-ID': 'crossed' }, 'token=guess'));

    // Assess
    expect(crossed.answer.statusCode).toBe(403);
    expect(crossed.answer.body).toBe(wrong.answer.body);
    expect(crossed.outcome).toEqual({ kind: 'refused', error: 'AuthError' });
    expect(reads()).toEqual({ routes: 0, callStates: 0 });
  });

  it("refuses an unknown route's token like any other wrong token: a token says nothing about which routes exist", async () => {
    // Prepare
    const { answer } = pivotUseCase();

    // Act
    const otherToken = await answer(request('no-such-route', {}, tokenQuery('main-number')));
    const ownToken = await answer(request('no-such-route'));

    // Assess
    expect(otherToken.answer.statusCode).toBe(403);
    expect(ownToken.answer.statusCode).toBe(404);
  });

  it("opens each route with that route's token", async () => {
    // Prepare
    const { answer } = pivotUseCase();

    // Act
    const results = await Promise.all(['main-number', 'vip-callers', 'bridging'].map((route) => answer(request(route))));

    // Assess
    for (const result of results) {
      expect(result.answer.statusCode).toBe(200);
      expectKazooValid(result.json);
    }
  });
});

describe('key rotation', () => {
  it('keeps old URLs and live IVR calls working while the old key is previous, and stops them once it is removed', async () => {
    // Prepare: a call is waiting at its first prompt when the key rotates
    const { answer, setKeys } = pivotUseCase({ current: TEST_ROUTE_KEY });
    const prompt = (await answer(request('account-pin', { 'Call-ID': 'rotating' }))).json;
    setKeys({ current: NEW_KEY, previous: TEST_ROUTE_KEY });

    // Act
    const oldUrl = await answer(request('main-number'));
    const newUrl = await answer(request('main-number', {}, tokenQuery('main-number', NEW_KEY)));
    const liveCall = await answer(followUpFrom(prompt, 'rotating', { account: '12345' }));
    setKeys({ current: NEW_KEY });
    const oldUrlAfter = await answer(request('main-number'));
    const oldFollowUpAfter = await answer(followUpFrom(prompt, 'rotating', { account: '12345' }));

    // Assess
    expect([oldUrl, newUrl, liveCall].map((r) => r.answer.statusCode)).toEqual([200, 200, 200]);
    expect(liveCall.json.data['text']).toBe('Now enter your four digit PIN.');
    // The next prompt of a live call is signed with the new key: it survives the old key's removal.
    expect(`token=${voiceUrlOf(liveCall.json).searchParams.get('token')}`).toBe(tokenQuery('account-pin', NEW_KEY));
    expect(oldUrlAfter.answer.statusCode).toBe(403);
    expect(oldFollowUpAfter.answer.statusCode).toBe(403);
  });
});

describe('a follow-up URL is bound to its route, call and step, and expires', () => {
  const CALL = 'bound-call@10.0.0.12';
  /** account-pin's valid token, with the rest (step, exp, sig) from another signed URL. */
  const withOwnToken = (query: string) => query.replace(/^token=[^&]+/, tokenQuery('account-pin'));

  it('serves the genuine follow-up: the URL our prompt gave, for its own call', async () => {
    // Prepare
    const { answer } = pivotUseCase();
    const prompt = (await answer(request('account-pin', { 'Call-ID': CALL }))).json;

    // Act
    const next = await answer(followUpFrom(prompt, CALL, { account: '12345' }));

    // Assess
    expect(next.answer.statusCode).toBe(200);
    expect(next.json.data['text']).toBe('Now enter your four digit PIN.');
  });

  const forgeries: [string, () => string][] = [
    ['no signature (the URL before this change)', () => `${tokenQuery('account-pin')}&step=account`],
    ['a forged signature', () => followUpQueryFor('account-pin', CALL, 'account').replace(/sig=[^&]+/, `sig=${'A'.repeat(32)}`)],
    ["another Call-ID's signature", () => followUpQueryFor('account-pin', 'someone-else@10.0.0.12', 'account')],
    ["another route's signature", () => withOwnToken(followUpQueryFor('sales-support', CALL, 'account'))],
    ["another step's signature", () => followUpQueryFor('account-pin', CALL, 'pin').replace('step=pin', 'step=account')],
    ['a signature under another key', () => withOwnToken(followUpQueryFor('account-pin', CALL, 'account', { keys: { current: NEW_KEY } }))],
    ['an expired signature', () => followUpQueryFor('account-pin', CALL, 'account', { expiresAt: BUSINESS_HOURS.getTime() / 1000 - 1 })],
  ];

  it.each(forgeries)('refuses %s with 403 invalid_follow_up before reading a route or a call state', async (_label, query) => {
    // Prepare: the call is live and waiting at the account prompt
    const { answer, reads } = pivotUseCase();
    await answer(request('account-pin', { 'Call-ID': CALL }));
    const before = reads();

    // Act
    const result = await answer(request('account-pin', { 'Call-ID': CALL, Digits: { account: '12345' } }, query()));

    // Assess
    expect(result.answer.statusCode).toBe(403);
    expect(JSON.parse(result.answer.body)).toEqual({
      error: 'invalid_follow_up',
      message: 'this follow-up URL is not valid for this call',
    });
    expect(result.outcome).toEqual({ kind: 'refused', error: 'FollowUpRefusedError' });
    expect(reads()).toEqual(before);
  });

  it('is accepted for the configured time after its prompt, and refused from then on', async () => {
    // Prepare
    const { answer } = pivotUseCase();
    const prompt = (await answer(request('account-pin', { 'Call-ID': CALL }))).json;
    const inTime = new Date(BUSINESS_HOURS.getTime() + (TTL_SECONDS - 1) * 1000);
    const late = new Date(BUSINESS_HOURS.getTime() + TTL_SECONDS * 1000);

    // Act
    const lateAnswer = await answer(followUpFrom(prompt, CALL, { account: '12345' }), late);
    const inTimeAnswer = await answer(followUpFrom(prompt, CALL, { account: '12345' }), inTime);

    // Assess
    expect(lateAnswer.answer.statusCode).toBe(403);
    expect(inTimeAnswer.answer.statusCode).toBe(200);
  });

  it("leaves a refused caller to Kazoo's `_` branch of the step, which is the route's fallback", async () => {
    // Prepare
    const { answer } = pivotUseCase();

    // Act
    const prompt = (await answer(request('account-pin', { 'Call-ID': CALL }))).json;

    // Assess
    let node: CallflowNode | undefined = prompt;
    while (node && node.module !== 'pivot') node = node.children?.['_'];
    expect(node!.children).toEqual({ _: VOICEMAIL });
  });
});
