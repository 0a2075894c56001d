import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accessLogFields, pivotAccessLogFormat } from '../../infra/PivotHttpApi';
import { createPivotHandler } from '../../functions/pivot';
import { AuthError } from '../../lib/errors';
import { verifyToken } from '../../lib/pivot/verifyToken';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { startFaultyEndpoint, type FaultyEndpoint } from '../fixtures/faultyDynamo';
import { pivotTestRuntime, TEST_TOKEN } from '../fixtures/pivotTestRuntime';
import { invoke, printReport, report } from './support/answers';

/**
 * Kazoo authenticates with `?token=` in the voice_url: the token is in every
 * request's query string and in every IVR prompt we render. It must never reach a
 * log line or the access log, and comparing it must not leak it through timing.
 */
const measured: Record<string, unknown> = {};
const endpoints: FaultyEndpoint[] = [];

afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  report('token', measured);
  printReport('token');
});

function reasonOf(given: string | undefined, expected: string): string {
  try {
    verifyToken(given, expected);
    return 'ok';
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return error.reason;
  }
}

describe('verifyToken', () => {
  const secret = 'a-secret-of-32-characters-long!!';
  it.each([
    ['the token itself', secret, 'ok'],
    ['equal length, first character wrong', `X${secret.slice(1)}`, 'invalid_token'],
    ['equal length, last character wrong', `${secret.slice(0, -1)}X`, 'invalid_token'],
    ['a prefix of the token', secret.slice(0, 10), 'invalid_token'],
    ['the token plus one character', `${secret}!`, 'invalid_token'],
    ['a single character', 'a', 'invalid_token'],
    ['a 10 KB string', 'a'.repeat(10_240), 'invalid_token'],
    ['the token in another case', secret.toUpperCase(), 'invalid_token'],
    ['unicode that normalizes alike', 'e\u0301', 'invalid_token'],
    ['an empty token', '', 'missing_token'],
    ['no token', undefined, 'missing_token'],
  ])('%s', (_label, given, reason) => {
    // Act / Assess
    expect(reasonOf(given, secret)).toBe(reason);
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
      for (let i = 0; i < 500; i++) reasonOf(given, secret);
      return performance.now() - started;
    };
    for (const given of Object.values(candidates)) batch(given); // warm up

    // Act
    for (let round = 0; round < 30; round++) {
      for (const [name, given] of Object.entries(candidates)) samples[name]!.push(batch(given));
    }

    // Assess: all within 1.5x of each other (the hashes make every comparison two 32-byte digests)
    const medians = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, [...xs].sort((a, b) => a - b)[15]!]));
    measured['verifyToken µs per call (median)'] = Object.fromEntries(
      Object.entries(medians).map(([k, ms]) => [k, Number(((ms / 500) * 1000).toFixed(2))]),
    );
    const values = Object.values(medians);
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.5);
  });
});

describe('the token is absent from every log line', () => {
  let lines: Record<string, unknown>[];
  const wrongByOne = `${TEST_TOKEN.slice(0, -1)}X`;

  beforeAll(async () => {
    // A runtime behind a fault endpoint, so the battery includes degraded answers too.
    const store = await startFaultyEndpoint({ upstream: process.env['DYNAMODB_ENDPOINT'] });
    endpoints.push(store);
    const setup = await pivotTestRuntime({ env: { DYNAMODB_ENDPOINT: store.endpoint, BUDGET_MS: '400', ROUTE_CACHE_TTL_MS: '1' } });
    const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
    const own = `token=${TEST_TOKEN}`;
    const get = (route: string, voiceUrlQuery = own, params = kazooParams()) => pivotEventV2({ as: 'get', route, params, voiceUrlQuery });
    const battery: unknown[] = [
      get('main-number'),
      pivotEventV2({ as: 'form', route: 'main-number', params: kazooParams(), voiceUrlQuery: own }),
      pivotEventV2({ as: 'json', route: 'main-number', params: kazooParams(), voiceUrlQuery: own, base64: true }),
      get('account-pin', own, kazooParams({ 'Call-ID': 'token-log' })), // the prompt's voice_url carries the token
      get('account-pin', `${own}&step=account`, kazooParams({ 'Call-ID': 'token-log', Digits: { account: '12345' } })),
      get('main-number', `token=${wrongByOne}`),
      get('main-number', ''),
      get('main-number', `token[]=${TEST_TOKEN}`),
      get('no-such-route'),
      get('main-number', `${own}&token=${TEST_TOKEN}&step=account`),
      {
        ...get('main-number'),
        body: '{"Call-ID":',
        headers: { 'content-type': 'application/json' },
        requestContext: { http: { method: 'POST' } },
      },
      get('main-number', `${own}&pad=${'x'.repeat(9_000)}`),
      get('main-number', own, kazooParams({ 'Call-ID': '' })),
      { ...get('main-number'), headers: { 'content-type': 'text/plain' }, body: own, requestContext: { http: { method: 'POST' } } },
    ];
    for (const event of battery) await invoke(handler, event);
    await new Promise((resolve) => setTimeout(resolve, 5));
    store.set({ kind: 'silent' });
    await invoke(handler, get('main-number')); // degraded: cached fallback
    await invoke(handler, get('vip-callers')); // degraded: 503
    lines = setup.telemetry.lines;
    measured['log lines checked'] = lines.length;
  });

  it('was a varied battery: answered, refused and degraded requests all logged', () => {
    // Assess
    const messages = new Set(lines.map((l) => l['message']));
    expect(messages).toEqual(new Set(['pivot answered', 'pivot answered in degraded mode', 'pivot refused', 'request refused']));
  });

  it.each([
    ['the token', TEST_TOKEN],
    ['the token, URL-encoded', encodeURIComponent(TEST_TOKEN)],
    ['a wrong token one character off', wrongByOne],
  ])('no line contains %s', (_label, secret) => {
    // Assess
    const leaking = lines.filter((line) => JSON.stringify(line).includes(secret));
    expect(leaking).toEqual([]);
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
