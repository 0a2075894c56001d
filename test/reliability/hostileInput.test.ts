import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPivotHandler } from '../../functions/pivot';
import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import { pivotEventV2, type PivotEventOptions } from '../fixtures/apiGatewayEvents';
import { recordCommands } from '../fixtures/dynamoTestTable';
import { kazooParams } from '../fixtures/kazooCalls';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { MAX_PARAMETERS } from '../../lib/request/parameterBudget';
import { followUpQueryFor, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectUsableAnswer, invoke, printReport, report, type PivotHandler } from './support/answers';

/**
 * Requests built to hurt: keys aimed at Object.prototype, bodies and query strings
 * far beyond anything Kazoo sends, caller names carrying JSON and quotes.
 */
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z');
const MAX_BODY_BYTES = 1_024;
const MAX_QUERY_BYTES = 512;

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
let setup: Setup;
let handler: PivotHandler;
let small: { setup: Setup; handler: PivotHandler };
const measured: Record<string, unknown> = {};

beforeAll(async () => {
  setup = await pivotTestRuntime({ now: BUSINESS_HOURS });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  const smallSetup = await pivotTestRuntime({
    now: BUSINESS_HOURS,
    env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES), MAX_QUERY_BYTES: String(MAX_QUERY_BYTES) },
  });
  small = { setup: smallSetup, handler: createPivotHandler(() => smallSetup.runtime, smallSetup.telemetry) };
});

afterAll(() => {
  report('hostile input', measured);
  printReport('hostile');
});

function event(o: Partial<PivotEventOptions> & { params?: KazooParams } = {}) {
  const route = o.route ?? 'main-number';
  return pivotEventV2({ as: 'get', params: kazooParams(), route, voiceUrlQuery: tokenQuery(route), ...o });
}

function expectPrototypeClean() {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>)['x']).toBeUndefined();
}

describe('prototype pollution through bracket keys', () => {
  const hostileQuery = [
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes',
    '__proto__.polluted=yes',
    'Digits[__proto__][polluted]=1',
    'Digits[constructor][prototype][polluted]=1',
    'Custom-Application-Vars[__proto__][polluted]=yes',
    'Custom-Application-Vars[constructor][prototype][polluted]=yes',
    'Custom-SIP-Headers[__proto__][x]=1',
    'User-ID[__proto__]=x',
  ].join('&');
  // Written as text: an object literal's `__proto__:` would set a prototype, while
  // JSON.parse (what the Lambda runtime does to the event) keeps it as an own key.
  const hostileJson =
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"Call-ID":"pollute-json",' +
    '"Custom-Application-Vars":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":"yes"}},"tier":"gold"},' +
    '"Digits":{"__proto__":{"polluted":"1"}}}';

  const forms: [string, unknown][] = [
    [
      'GET query (v2)',
      event({
        route: 'account-pin',
        voiceUrlQuery: `${tokenQuery('account-pin')}&${hostileQuery}`,
        params: kazooParams({ 'Call-ID': 'pollute-get' }),
      }),
    ],
    [
      'POST form, base64 (v2)',
      {
        ...event({ as: 'form', route: 'account-pin', params: kazooParams({ 'Call-ID': 'pollute-form' }) }),
        body: Buffer.from(`Call-ID=pollute-form&Account-ID=x&${hostileQuery}`).toString('base64'),
      },
    ],
    [
      'POST form, plain (v2)',
      { ...event({ as: 'form', route: 'account-pin' }), body: `Call-ID=pollute-plain&${hostileQuery}`, isBase64Encoded: false },
    ],
    // JSON.parse keeps "__proto__" as an own key: the attack the Lambda runtime hands over.
    ['POST JSON (v2)', { ...event({ as: 'json', route: 'account-pin' }), body: hostileJson, isBase64Encoded: false }],
  ];

  it.each(forms)('%s: answers normally, Object.prototype untouched, nothing hostile stored', async (_label, hostile) => {
    // Act
    const answer = await invoke(handler, hostile);

    // Assess
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toMatchObject({ module: 'tts' });
    expectPrototypeClean();
    const callId = (/pollute-[a-z0-9]+/.exec(JSON.stringify(hostile)) ??
      /pollute-[a-z0-9]+/.exec(Buffer.from(String((hostile as { body?: string }).body), 'base64').toString()))![0];
    const state = await setup.runtime.callStates.get({ routeId: 'account-pin', callId });
    expect(state).toBeDefined();
    for (const map of [state!.digits, state!.vars]) {
      expect(Object.keys(map).filter((k) => ['__proto__', 'constructor', 'prototype', 'polluted'].includes(k))).toEqual([]);
      expect(Object.getPrototypeOf(map) === Object.prototype || Object.getPrototypeOf(map) === null).toBe(true);
    }
  });
});

describe('step names that are Object.prototype members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    "?step=%s is an unknown step: the route's fallback, logged as such, no exception",
    async (step) => {
      // Prepare
      const before = setup.telemetry.lines.length;

      // Act
      const answer = await invoke(
        handler,
        event({
          route: 'sales-support',
          // Signed as our own prompt would sign it: the step lookup itself is under test.
          voiceUrlQuery: followUpQueryFor('sales-support', `proto-step-${step}`, step),
          params: kazooParams({ 'Call-ID': `proto-step-${step}`, Digits: '1' }),
        }),
      );

      // Assess
      expectUsableAnswer(answer);
      expect(answer.json).toMatchObject({ module: 'voicemail' });
      const line = setup.telemetry.lines.slice(before).find((l) => String(l['message']).startsWith('pivot answered'));
      expect(line).toMatchObject({ message: 'pivot answered', outcome: 'fallback:unknown-step' });
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty'])('a route whose goto names "%s" is refused when validated', (name) => {
    // Prepare
    const document = { id: 'proto-goto', timezone: 'UTC', rules: [{ then: { goto: name } }] };

    // Act
    const attempt = () => parseRoute(document);

    // Assess
    expect(attempt).toThrow(RouteValidationError);
    expect(attempt).toThrow(`no step named "${name}"`);
  });
});

describe('a Call-ID longer than DynamoDB allows in a key (2 KB)', () => {
  it("entering an IVR answers the route's fallback: the call is routed, never a 500", async () => {
    // Act
    const answer = await invoke(
      handler,
      event({ route: 'account-pin', params: kazooParams({ 'Call-ID': `${'c'.repeat(3_000)}@10.0.0.12` }) }),
    );

    // Assess
    expectUsableAnswer(answer);
    expect(answer.json).toEqual({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
  });
});

describe('oversized requests are refused before parsing, with configurable limits', () => {
  it.each([
    [
      'a body one byte over MAX_BODY_BYTES (and not even valid JSON)',
      413,
      { ...event({ as: 'json' }), body: `{${'x'.repeat(MAX_BODY_BYTES)}`, isBase64Encoded: false },
    ],
    [
      'a body under the limit in characters but over it in UTF-8 bytes',
      413,
      { ...event({ as: 'form' }), body: `Call-ID=x&n=${'€'.repeat(340)}`, isBase64Encoded: false },
    ],
    [
      'a base64 body whose decoded size is over the limit',
      413,
      {
        ...event({ as: 'form' }),
        body: Buffer.from(`Call-ID=x&n=${'a'.repeat(MAX_BODY_BYTES)}`).toString('base64'),
        isBase64Encoded: true,
      },
    ],
    [
      'a query string one byte over MAX_QUERY_BYTES',
      414,
      event({ voiceUrlQuery: `${tokenQuery('main-number')}&pad=${'x'.repeat(MAX_QUERY_BYTES)}` }),
    ],
  ])('%s: %i', async (_label, status, oversized) => {
    // Prepare
    const before = small.setup.telemetry.lines.length;

    // Act
    const answer = await invoke(small.handler, oversized);

    // Assess: refused with a JSON error, and nothing was parsed or routed
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(status);
    expect(answer.json).toMatchObject({ error: 'too_large' });
    const messages = small.setup.telemetry.lines.slice(before).map((l) => l['message']);
    expect(messages).toEqual(['request refused']);
  });

  it('accepts a body of exactly MAX_BODY_BYTES', async () => {
    // Prepare: Kazoo's form body, padded to the limit exactly
    const form = `Call-ID=exact&Account-ID=4b8a1c2d3e4f5061728394a5b6c7d8e9&Caller-ID-Number=%2B14155550123&pad=`;
    const body = form + 'p'.repeat(MAX_BODY_BYTES - form.length);

    // Act
    const answer = await invoke(small.handler, { ...event({ as: 'form' }), body, isBase64Encoded: false });

    // Assess
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    expect(answer.statusCode).toBe(200);
  });

  it('follows the configured limit: what the small limits refuse, the defaults accept', async () => {
    // Prepare: a 2 KB form body (default MAX_BODY_BYTES is 16 KB)
    const oversized = { ...event({ as: 'form' }), body: `Call-ID=limits&pad=${'p'.repeat(2_000)}`, isBase64Encoded: false };

    // Act
    const refused = await invoke(small.handler, oversized);
    const accepted = await invoke(handler, oversized);

    // Assess
    expect(refused.statusCode).toBe(413);
    expect(accepted.statusCode).toBe(200);
  });

  it('refuses a 10 MB body at once, without reading it', async () => {
    // Prepare: 10 MB of deeply nested JSON: parsing it would take far longer and overflow the stack
    const depth = 5 * 1024 * 1024;
    const body = `{"Call-ID":"big","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

    // Act
    const answer = await invoke(handler, { ...event({ as: 'json' }), body, isBase64Encoded: false });

    // Assess
    measured['10 MB body refused in ms'] = Number(answer.elapsedMs.toFixed(1));
    expect(answer.statusCode).toBe(413);
    expect(answer.elapsedMs).toBeLessThan(100);
  });

  it('answers a deeply nested body that fits the limit with a 400, not a stack overflow', async () => {
    // Prepare: 15 KB of nesting in a JSON body and in bracket keys
    const deepJson = `{"Call-ID":"deep","Custom-Application-Vars":{"x":${'['.repeat(7_000)}${']'.repeat(7_000)}}}`;
    const deepForm = `Call-ID=deep&Custom-Application-Vars${'[x]'.repeat(5_000)}=1`;

    // Act
    const json = await invoke(handler, { ...event({ as: 'json' }), body: deepJson, isBase64Encoded: false });
    const form = await invoke(handler, { ...event({ as: 'form' }), body: deepForm, isBase64Encoded: false });

    // Assess
    expectUsableAnswer(json);
    expect(json.statusCode).toBe(400);
    expect(json.json).toMatchObject({ error: 'invalid_request', field: 'body' });
    expectUsableAnswer(form);
    expect(form.statusCode).toBe(200);
  });
});

describe('placeholder values carrying JSON or quotes stay plain values', () => {
  const values = [
    '"}, "module": "hangup", "data": {"x": "',
    '{"module":"hangup","data":{}}',
    'O\'Brien "The Hammer"',
    '\\", \\"module\\": \\"hangup',
    '{{Call-ID}} {{digits.pin}}',
    '</script><script>alert(1)</script>',
    'Zoë 😀 ☎',
  ];

  it.each(values)('a caller name of %j lands as that exact text', async (name) => {
    // Prepare: vip-callers renders set_cid with caller_id_name "VIP {{Caller-ID-Name}}"
    const request = event({ route: 'vip-callers', params: kazooParams({ 'Caller-ID-Name': name }) });

    // Act
    const answer = await invoke(handler, request);

    // Assess: still the set_cid node, the value verbatim, nothing injected or expanded
    expectUsableAnswer(answer);
    const node = answer.json as { module: string; data: Record<string, unknown>; children: Record<string, unknown> };
    expect(node.module).toBe('set_cid');
    expect(node.data['caller_id_name']).toBe(`VIP ${name}`);
    expect(node.data['caller_id_number']).toBe('+14155550123');
    expect(Object.keys(node.children)).toEqual(['_']);
  });

  it('a Custom-Application-Var carrying JSON is stored and rendered as a string', async () => {
    // Prepare: account-pin renders custom_application_vars.account from {{digits.account}}; vars travel through state
    const callId = 'placeholder-json@10.0.0.12';
    const payload = '{"__proto__":{"polluted":"yes"},"k":"v"}';
    await invoke(
      handler,
      event({ route: 'account-pin', params: kazooParams({ 'Call-ID': callId, 'Custom-Application-Vars': { note: payload } }) }),
    );

    // Act
    const state = await setup.runtime.callStates.get({ routeId: 'account-pin', callId });

    // Assess
    expect(state?.vars['note']).toBe(payload);
    expectPrototypeClean();
  });
});

describe('lone surrogates never reach a 200', () => {
  // vip-callers renders set_cid with caller_id_name "VIP {{Caller-ID-Name}}"
  const route = 'vip-callers';
  const forms: [string, unknown][] = [
    [
      'POST JSON, an escape JSON.parse accepts',
      {
        ...event({ as: 'json', route }),
        body: JSON.stringify(kazooParams()).replace('Ada Lovelace', 'Ada \\ud83d'),
        isBase64Encoded: false,
      },
    ],
    [
      'POST form, percent-encoded',
      {
        ...event({ as: 'form', route }),
        body: `Call-ID=surrogate-form&Caller-ID-Number=%2B14155550123&Caller-ID-Name=Ada+%ED%A0%BD`,
        isBase64Encoded: false,
      },
    ],
    [
      'GET, raw in the query string',
      event({
        route,
        voiceUrlQuery: `${tokenQuery(route)}&Call-ID=surrogate-get&Caller-ID-Number=%2B14155550123&Caller-ID-Name=Ada+\ud83d`,
        params: {},
      }),
    ],
  ];

  it.each(forms)('%s: the caller name arrives as U+FFFD, in a body Kazoo can decode', async (_label, hostile) => {
    // Act
    const answer = await invoke(handler, hostile);

    // Assess
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toMatch(/\\u[dD][89a-fA-F]/);
    expect((answer.json as { data: Record<string, unknown> }).data['caller_id_name']).toMatch(/^VIP Ada \uFFFD+$/);
  });
});

describe('one parameter limit, whatever carries the parameters', () => {
  /** The voice_url's token plus `kazoo` Kazoo parameters. */
  function withParameters(as: PivotEventOptions['as'], kazoo: number) {
    const fillers = Object.fromEntries(Array.from({ length: kazoo - 1 }, (_, i) => [`X-Extra-${i}`, 'v']));
    return event({ as, params: { 'Call-ID': `many-${as}`, ...fillers } });
  }

  it.each(['get', 'form', 'json'] as const)('%s: MAX_PARAMETERS are answered, one more is a 413 naming the limit', async (as) => {
    // Act
    const atLimit = await invoke(handler, withParameters(as, MAX_PARAMETERS - 1));
    const over = await invoke(handler, withParameters(as, MAX_PARAMETERS));

    // Assess
    expect(atLimit.statusCode).toBe(200);
    expectUsableAnswer(over);
    expect(over.statusCode).toBe(413);
    expect(over.json).toMatchObject({ error: 'too_many_parameters', limit: MAX_PARAMETERS });
  });
});

describe('a route id no route can have', () => {
  it.each([
    ['over 2 KB', 'r'.repeat(2_100)],
    ['with characters route ids never have', 'main-number;drop'],
  ])('%s answers 404 without a DynamoDB call', async (_label, route) => {
    // Prepare
    const commands = recordCommands(setup.runtime.dynamo);

    // Act
    const answer = await invoke(handler, event({ route, voiceUrlQuery: 'token=whatever' }));

    // Assess
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(404);
    expect(commands).toEqual([]);
  });
});
