import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accessLogFields, pivotAccessLogFormat } from '../../infra/PivotHttpApi';
import { createPivotHandler } from '../../functions/pivot';
import { AuthError } from '../../lib/errors';
import { routeToken, verifyRouteToken } from '../../lib/pivot/routeCredentials';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { startFaultyEndpoint, type FaultyEndpoint } from '../fixtures/faultyDynamo';
import { followUpQueryFor, pivotTestRuntime, routeTokenFor, TEST_ROUTE_KEY, tokenQuery } from '../fixtures/pivotTestRuntime';
import { invoke, printReport, report } from './support/answers';

/**
 * Kazoo authenticates with `?token=` in the voice_url: a route's token is in every
 * request's query string, and every IVR prompt we render carries it with a
 * follow-up signature (`sig`). Neither may reach a log line or the access log, and
 * comparing them must not leak them through timing.
 */
const measured: Record<string, unknown> = {};
const endpoints: FaultyEndpoint[] = [];

afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  report('token', measured);
  printReport('token');
});

const KEY = 'a-route-key-of-32-characters-ok!';

function reasonOf(given: string | undefined): string {
  try {
    verifyRouteToken(given, 'main-number', { current: KEY });
    return 'ok';
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return error.reason;
  }
}

describe('verifyRouteToken', () => {
  const secret = routeToken(KEY, 'main-number');
  it.each([
    ['the token itself', secret, 'ok'],
    ['equal length, first character wrong', `X${secret.slice(1)}`, 'invalid_token'],
    ['equal length, last character wrong', `${secret.slice(0, -1)}X`, 'invalid_token'],
    ['a prefix of the token', secret.slice(0, 10), 'invalid_token'],
    ['the token plus one character', `${secret}!`, 'invalid_token'],
    ['a single character', 'a', 'invalid_token'],
    ['a 10 KB string', 'a'.repeat(10_240), 'invalid_token'],
    ['the token in another case', secret.toUpperCase(), 'invalid_token'],
    ["another route's token", routeToken(KEY, 'sales-support'), 'invalid_token'],
    ['the route id itself', 'main-number', 'invalid_token'],
    ['unicode that normalizes alike', 'e\u0301', 'invalid_token'],
    ['an empty token', '', 'missing_token'],
    ['no token', undefined, 'missing_token'],
  ])('%s', (_label, given, reason) => {
    // Act / Assess
    expect(reasonOf(given)).toBe(reason);
  });

  it('takes the same time whether the difference is early, late, or in the length (medians of interleaved batches)', () => {
    // Prepare
    const candidates = {
      firstWrong: `X${secret.slice(1)}`,
      lastWrong: `${secret.slice(0, -1)}X`,
      shorter: secret.slice(0, 5),
      longer: `${secret}${secret.slice(0, 20)}`,
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
    const batch = (given: string) => {
      const started = performance.now();
      for (let i = 0; i < 500; i++) reasonOf(given);
      return performance.now() - started;
    };
    for (const given of Object.values(candidates)) batch(given); // warm up

    // Act
    for (let round = 0; round < 30; round++) {
      for (const [name, given] of Object.entries(candidates)) samples[name]!.push(batch(given));
    }

    // Assess: all within 1.5x of each other (the hashes make every comparison two 32-byte digests)
    const medians = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, [...xs].sort((a, b) => a - b)[15]!]));
    measured['verifyRouteToken µs per call (median)'] = Object.fromEntries(
      Object.entries(medians).map(([k, ms]) => [k, Number(((ms / 500) * 1000).toFixed(2))]),
    );
    const values = Object.values(medians);
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.5);
  });
});

describe('tokens and follow-up signatures are absent from every log line', () => {
  let lines: Record<string, unknown>[];
  const TOKEN = routeTokenFor('main-number');
  const wrongByOne = `${TOKEN.slice(0, -1)}X`;
  const signedAccount = followUpQueryFor('account-pin', 'token-log', 'account');
  const sigOf = (query: string) => new URLSearchParams(query).get('sig')!;
  const forgedSig = `${sigOf(signedAccount).slice(0, -1)}X`;
  /** Signatures the handler itself wrote into prompts, read back from the answers. */
  const rendered: string[] = [];

  beforeAll(async () => {
    // A runtime behind a fault endpoint, so the battery includes degraded answers too.
    const store = await startFaultyEndpoint({ upstream: process.env['DYNAMODB_ENDPOINT'] });
    endpoints.push(store);
    const setup = await pivotTestRuntime({ env: { DYNAMODB_ENDPOINT: store.endpoint, BUDGET_MS: '400', ROUTE_CACHE_TTL_MS: '1' } });
    const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
    const own = tokenQuery('main-number');
    const get = (route: string, voiceUrlQuery = tokenQuery(route), params = kazooParams()) =>
      pivotEventV2({ as: 'get', route, params, voiceUrlQuery });
    const battery: unknown[] = [
      get('main-number'),
      pivotEventV2({ as: 'form', route: 'main-number', params: kazooParams(), voiceUrlQuery: own }),
      pivotEventV2({ as: 'json', route: 'main-number', params: kazooParams(), voiceUrlQuery: own, base64: true }),
      get('account-pin', undefined, kazooParams({ 'Call-ID': 'token-log' })), // the prompt's voice_url carries token and sig
      get('account-pin', signedAccount, kazooParams({ 'Call-ID': 'token-log', Digits: { account: '12345' } })), // a genuine follow-up
      get('account-pin', signedAccount, kazooParams({ 'Call-ID': 'another-call', Digits: { account: '12345' } })), // replayed: refused
      get('account-pin', signedAccount.replace(sigOf(signedAccount), forgedSig), kazooParams({ 'Call-ID': 'token-log' })), // forged
      get('account-pin', `${tokenQuery('account-pin')}&step=account`, kazooParams({ 'Call-ID': 'token-log' })), // unsigned
      get('main-number', `token=${wrongByOne}`),
      get('main-number', ''),
      get('main-number', `token[]=${TOKEN}`),
      get('sales-support', own), // another route's token
      get('no-such-route'),
      get('main-number', `${own}&token=${TOKEN}&step=account`),
      {
        ...get('main-number'),
        body: '{"Call-ID":',
        headers: { 'content-type': 'application/json' },
        requestContext: { http: { method: 'POST' } },
      },
      get('main-number', `${own}&pad=${'x'.repeat(9_000)}`),
      get('main-number', own, kazooParams({ 'Call-ID': '' })),
      get('main-number', `${own}&${'x=1&'.repeat(300)}`), // too many parameters: 413
      get('r'.repeat(2_100), own), // a route id no route can have: 404 before the token is looked at
      { ...get('main-number'), headers: { 'content-type': 'text/plain' }, body: own, requestContext: { http: { method: 'POST' } } },
    ];
    for (const event of battery) {
      const answer = await invoke(handler, event);
      const sig = /[?&]sig=([\w-]+)/.exec(answer.body)?.[1];
      if (sig) rendered.push(sig);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    store.set({ kind: 'silent' });
    await invoke(handler, get('main-number')); // degraded: cached fallback
    await invoke(handler, get('vip-callers')); // degraded: 503
    lines = setup.telemetry.lines;
    measured['log lines checked'] = lines.length;
  });

  it('was a varied battery: answered, refused and degraded requests all logged, follow-ups refused for their signature', () => {
    // Assess
    const messages = new Set(lines.map((l) => l['message']));
    expect(messages).toEqual(
      new Set([
        'pivot answered',
        'pivot answered in degraded mode',
        'pivot refused',
        'request refused',
        // The silent store fails the emergency-closure read beside the route's.
        'emergency closure read failed; the last value read stands',
      ]),
    );
    const refusedFollowUps = lines.filter((l) => l['message'] === 'pivot refused' && l['outcome'] === 'FollowUpRefusedError');
    expect(refusedFollowUps.length).toBeGreaterThanOrEqual(3);
    expect(rendered.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['the token', () => TOKEN],
    ['the token, URL-encoded', () => encodeURIComponent(TOKEN)],
    ["another route's token", () => routeTokenFor('account-pin')],
    ['a wrong token one character off', () => wrongByOne],
    ['the route key', () => TEST_ROUTE_KEY],
    ['the signature sent on a follow-up', () => sigOf(signedAccount)],
    ['a forged signature', () => forgedSig],
    ['a signature the handler wrote into a prompt', () => rendered.join('|')],
  ])('no line contains %s', (_label, secretOf) => {
    // Assess
    for (const secret of secretOf().split('|')) {
      const leaking = lines.filter((line) => JSON.stringify(line).includes(secret));
      expect(leaking).toEqual([]);
    }
  });
});

describe('the API access log', () => {
  const QUERY_VARIABLES =
    /querystring|\$request\.|\$input\.|requestOverride|\$method\.request|fullPath|requestUri|rawQuery|\$context\.path\.\w/i;

  it('logs no variable that can carry the query string', () => {
    // Act
    const variables = Object.values(accessLogFields);

    // Assess
    expect(variables.filter((v) => QUERY_VARIABLES.test(v))).toEqual([]);
    for (const v of variables) expect(v).toMatch(/^\$context\.[A-Za-z.]+$/);
  });

  it('renders to a format holding exactly those variables', () => {
    // Act
    const format = pivotAccessLogFormat.toString();

    // Assess
    const used = format.match(/\$[A-Za-z.]+/g) ?? [];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((v) => QUERY_VARIABLES.test(v))).toEqual([]);
    expect(new Set(used)).toEqual(new Set(Object.values(accessLogFields)));
  });
});
