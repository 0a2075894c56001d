import { describe, expect, it } from '@jest/globals';
import type { CallStateStore } from '../../../lib/calls/callStateStore';
import { answerPivotRequest, type PivotDeps } from '../../../lib/pivot/answerPivotRequest';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import { CachedRulesStore } from '../../../lib/routes/rulesStore';
import { pivotHttpRequest } from '../../fixtures/apiGatewayEvents';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../../fixtures/inMemoryStores';
import { kazooParams } from '../../fixtures/kazooCalls';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { followUpQueryFor, TEST_ROUTE_KEYS, tokenQuery } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

/**
 * Hostile or odd input through the use case, on in-memory stores that count
 * what was read: what reaches a 200 is well-formed and the caller's own, and
 * what cannot be a route or an allowed account is refused before the reads it
 * does not need.
 */
const NOW = new Date('2026-11-24T17:00:00Z');
const ALLOWED_ACCOUNT = '00000000000000000000000000000001';

function useCase() {
  const routes = new InMemoryRouteSource({
    greeting: {
      id: 'greeting',
      timezone: 'UTC',
      rules: [
        { name: 'hello', then: { module: 'tts', data: { text: 'Hello {{Caller-ID-Name}}[{{vars.constructor}}{{digits.toString}}]' } } },
      ],
    },
    'bound-ivr': {
      id: 'bound-ivr',
      timezone: 'UTC',
      accounts: [ALLOWED_ACCOUNT],
      rules: [{ then: { goto: 'menu' } }],
      steps: { menu: { prompt: { tts: 'Press 1' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
    },
  });
  const callStateCalls: string[] = [];
  let keyReads = 0;
  const deps: PivotDeps = {
    rules: new CachedRulesStore(routes, { ttlMs: 0 }),
    callStates: counting(new InMemoryCallStateStore({ now: () => NOW.getTime() }), callStateCalls),
    routeKeys: async () => {
      keyReads += 1;
      return TEST_ROUTE_KEYS;
    },
    followUpTtlSeconds: 3600,
    budgetMs: 2_500,
  };
  const answer = async (request: PivotRequest) => {
    const result = await answerPivotRequest(deps, request, { now: NOW, routeUrl: `https://api.example.com/pivot/${request.routeId}` });
    return { ...result, json: JSON.parse(result.answer.body) as Record<string, unknown> & { data: Record<string, unknown> } };
  };
  return { routes, callStateCalls, keyReads: () => keyReads, answer };
}

/** The store, with every call to it recorded by method name. */
function counting(store: CallStateStore, calls: string[]): CallStateStore {
  return {
    get: (...args) => {
      calls.push('get');
      return store.get(...args);
    },
    update: (...args) => {
      calls.push('update');
      return store.update(...args);
    },
    replace: (...args) => {
      calls.push('replace');
      return store.replace(...args);
    },
    end: (...args) => {
      calls.push('end');
      return store.end(...args);
    },
  };
}

function request(route: string, params: KazooParams = {}, voiceUrlQuery = tokenQuery(route)): PivotRequest {
  return kazooRequest(params, { route, voiceUrlQuery });
}

describe('what reaches a 200 is well-formed and the caller’s own', () => {
  it('a lone surrogate in a JSON body reaches the tts text as U+FFFD', async () => {
    // Prepare: JSON.parse accepts "\ud83d"; Kazoo's decoder refuses it and hangs the call up
    const { answer } = useCase();
    const http = pivotHttpRequest({ as: 'json', params: {}, route: 'greeting', voiceUrlQuery: tokenQuery('greeting') });
    const body = JSON.stringify(kazooParams()).replace('"Ada Lovelace"', '"Ada \\ud83d"');

    // Act
    const result = await answer(normalizePivotRequest({ ...http, body }));

    // Assess
    expect(result.answer.statusCode).toBe(200);
    expect(result.answer.body).not.toMatch(/\\u[dD][89a-fA-F]/);
    expect(result.json.data['text']).toBe('Hello Ada \uFFFD[]');
    expectKazooValid(result.json);
  });

  it('{{vars.constructor}} and {{digits.toString}} render empty, never an Object.prototype member', async () => {
    // Prepare
    const { answer } = useCase();

    // Act
    const result = await answer(request('greeting'));

    // Assess
    expect(result.json.data['text']).toBe('Hello Ada Lovelace[]');
  });
});

describe('refused before the reads they do not need', () => {
  it.each([
    ['a 2 KB id', 'x'.repeat(2_048)],
    ['65 characters', 'r'.repeat(65)],
    ['characters no route id has', 'main number'],
    ['a path traversal', '..%2Fadmin'],
  ])('a route id of %s answers 404 without reading the route, a key or a call', async (_label, routeId) => {
    // Prepare
    const { routes, callStateCalls, keyReads, answer } = useCase();

    // Act
    const result = await answer(request(routeId, {}, 'token=anything'));

    // Assess
    expect(result.answer.statusCode).toBe(404);
    expect(result.json).toMatchObject({ error: 'not_found' });
    expect(routes.reads).toEqual([]);
    expect(keyReads()).toBe(0);
    expect(callStateCalls).toEqual([]);
  });

  it('an Account-ID the route does not list is refused after reading the route only, never a call state', async () => {
    // Prepare: a genuine follow-up URL for the step, from an account the route does not list
    const { routes, callStateCalls, answer } = useCase();
    const outsider = { 'Call-ID': 'outsider-call', 'Account-ID': '00000000000000000000000000000002', Digits: { menu: '1' } };

    // Act
    const entry = await answer(request('bound-ivr', outsider));
    const followUp = await answer(request('bound-ivr', outsider, followUpQueryFor('bound-ivr', 'outsider-call', 'menu')));
    const member = await answer(request('bound-ivr', { 'Call-ID': 'member-call', 'Account-ID': ALLOWED_ACCOUNT }));

    // Assess
    expect([entry.answer.statusCode, followUp.answer.statusCode]).toEqual([404, 404]);
    expect(routes.reads).toEqual(['bound-ivr', 'bound-ivr', 'bound-ivr']);
    expect(callStateCalls).toEqual(['update']); // the member's call only
    expect(member.json).toMatchObject({ module: 'tts', data: { text: 'Press 1' } });
  });
});
