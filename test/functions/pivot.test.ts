import { beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPivotHandler } from '../../functions/pivot';
import { CachedRulesStore } from '../../lib/routes/rulesStore';
import { DynamoRouteSource } from '../../adapters/dynamodb';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { pivotEventV2, type PivotEventOptions } from '../fixtures/apiGatewayEvents';
import { kazooParams, twimlParams } from '../fixtures/kazooCalls';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { followUpQueryFor, lambdaContext, pivotTestRuntime, routeTokenFor, TEST_ROUTE_KEY, tokenQuery } from '../fixtures/pivotTestRuntime';
import { INVALID_ROUTE_LOG } from '../../adapters/lambda/pivotRuntime';
import type { RouteKeys } from '../../lib/pivot/routeCredentials';
import { recordCommands } from '../fixtures/dynamoTestTable';
import { expectKazooValid } from '../support/kazooSchemas';

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
type Result = APIGatewayProxyStructuredResultV2;
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z'); // Tuesday 12:00 in New York

let setup: Setup;
let handler: ReturnType<typeof createPivotHandler>;
let commands: string[];

beforeAll(async () => {
  setup = await pivotTestRuntime({ now: BUSINESS_HOURS });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  commands = recordCommands(setup.runtime.dynamo);
});

async function invoke(event: unknown): Promise<Result & { json: Record<string, unknown> }> {
  const result = await handler(event, lambdaContext());
  return { ...result, json: JSON.parse(result.body!) as Record<string, unknown> };
}

function event(o: Partial<PivotEventOptions> & { params?: KazooParams } = {}) {
  const route = o.route ?? 'main-number';
  return pivotEventV2({ as: 'get', params: kazooParams(), route, voiceUrlQuery: tokenQuery(route), ...o });
}

function expectCallflow(result: Result & { json: unknown }) {
  expect(result.statusCode).toBe(200);
  expect(result.headers?.['Content-Type']).toBe('application/json');
  expectKazooValid(result.json);
  return result.json as CallflowNode;
}

describe('pivot handler: every request form reaches the same answer', () => {
  const forms: [string, unknown][] = [
    ['GET kazoo (v2)', event()],
    ['POST form kazoo, base64 (v2)', event({ as: 'form' })],
    ['POST JSON kazoo (v2)', event({ as: 'json' })],
    ['GET twiml (v2)', event({ params: twimlParams() })],
    ['POST form twiml, base64 (v2)', event({ as: 'form', params: twimlParams() })],
    ['POST JSON twiml (v2)', event({ as: 'json', params: twimlParams() })],
  ];

  it.each(forms)('%s', async (_name, e) => {
    // Act
    const result = await invoke(e);

    // Assess
    const node = expectCallflow(result);
    expect(node).toMatchObject({ module: 'device', children: { _: { module: 'voicemail' } } });
  });

  it('logs one structured line with the call, the route and the outcome, and never the token', async () => {
    // Prepare
    const before = setup.telemetry.lines.length;

    // Act
    await invoke(event());

    // Assess
    const line = setup.telemetry.lines.slice(before).find((l) => l['message'] === 'pivot answered')!;
    expect(line).toMatchObject({ route: 'main-number', outcome: 'rule:business-hours', status: 200, callId: expect.any(String) });
    expect(typeof line['latencyMs']).toBe('number');
    expect(JSON.stringify(setup.telemetry.lines)).not.toContain(routeTokenFor('main-number'));
  });
});

describe('pivot handler: authentication', () => {
  it.each([
    ['no token', () => '', 401],
    ['a wrong token', () => 'token=guess', 403],
    ['a token differing in the last character', (route: string) => `token=${routeTokenFor(route).slice(0, -1)}X`, 403],
    ["another route's token", () => tokenQuery('main-number'), 403],
    ['a token made with another key', (route: string) => tokenQuery(route, 'some-other-key-0123456789'), 403],
  ])('refuses %s with a JSON error and reads nothing from DynamoDB', async (label, queryFor, status) => {
    // Prepare
    const before = commands.length;
    // A route of its own per case: a cached miss from an earlier case would hide a read.
    const route = `never-read-${label.replace(/\W+/g, '-')}`;

    // Act
    const result = await invoke(event({ voiceUrlQuery: queryFor(route), route }));

    // Assess
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['Content-Type']).toBe('application/json');
    expect(result.json['error']).toBeDefined();
    expect(commands.length).toBe(before);
  });

  it('answers an unknown route and an Account-ID outside the allowlist alike', async () => {
    // Prepare
    await setup.admin.putRoute(
      'allowlisted',
      JSON.stringify({
        id: 'allowlisted',
        timezone: 'UTC',
        accounts: ['00000000000000000000000000000001'],
        fallback: { module: 'hangup', data: {} },
      }),
    );

    // Act
    const unknown = await invoke(event({ route: 'no-such-route' }));
    const outsider = await invoke(event({ route: 'allowlisted' }));
    const member = await invoke(event({ route: 'allowlisted', params: kazooParams({ 'Account-ID': '00000000000000000000000000000001' }) }));

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(outsider.statusCode).toBe(unknown.statusCode);
    expect(outsider.body).toBe(unknown.body);
    expect(expectCallflow(member).module).toBe('hangup');
  });
});

describe('pivot handler: bad input gets a clear answer', () => {
  it.each([
    ['no Call-ID', event({ params: kazooParams({ 'Call-ID': undefined }) }), 400, 'Call-ID'],
    ['a malformed JSON body', { ...event({ as: 'json' }), body: '{"Call-ID":', isBase64Encoded: false }, 400, 'body'],
    ['an oversized body', { ...event({ as: 'form' }), body: 'a'.repeat(40_000), isBase64Encoded: false }, 413, undefined],
    ['an oversized query string', event({ voiceUrlQuery: `${tokenQuery('main-number')}&pad=${'x'.repeat(10_000)}` }), 414, undefined],
  ])('%s', async (_label, e, status, field) => {
    // Act
    const result = await invoke(e);

    // Assess
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['Content-Type']).toBe('application/json');
    if (field) expect(result.json['field']).toBe(field);
    expect(result.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('treats an invalid stored route as missing and logs the field at fault', async () => {
    // Prepare
    await setup.admin.putRoute(
      'hand-edited',
      JSON.stringify({
        id: 'hand-edited',
        timezone: 'America/New_York',
        rules: [{ then: { module: 'voicemail', data: { id: 'too-short' } } }],
      }),
    );
    const before = setup.telemetry.lines.length;

    // Act
    const result = await invoke(event({ route: 'hand-edited' }));

    // Assess
    expect(result.statusCode).toBe(404);
    const logged = setup.telemetry.lines.slice(before).find((l) => l['message'] === INVALID_ROUTE_LOG);
    expect(JSON.stringify(logged)).toContain('rules.0.then.data.id');
  });
});

describe('pivot handler: a multi-step IVR through DynamoDB', () => {
  function followUp(answer: CallflowNode, callId: string, digits: KazooParams, as: 'get' | 'form' | 'json') {
    let pivot: CallflowNode | undefined = answer;
    while (pivot && pivot.module !== 'pivot') pivot = pivot.children?.['_'];
    const url = new URL(pivot!.data['voice_url'] as string);
    expect(url.pathname).toBe('/pivot/account-pin');
    return event({
      as,
      route: 'account-pin',
      voiceUrlQuery: url.search.slice(1),
      params: kazooParams({ 'Call-ID': callId, Digits: digits }),
    });
  }

  it.each(['get', 'form', 'json'] as const)('collects an account, then a PIN, then routes (%s)', async (as) => {
    // Prepare
    const callId = `ivr-${as}`;
    const start = event({ as, route: 'account-pin', params: kazooParams({ 'Call-ID': callId }) });

    // Act
    const askAccount = expectCallflow(await invoke(start));
    const askPin = expectCallflow(await invoke(followUp(askAccount, callId, { account: '12345' }, as)));
    const routed = expectCallflow(await invoke(followUp(askPin, callId, { account: '12345', pin: '9876' }, as)));

    // Assess
    expect(askAccount.module).toBe('tts');
    expect(askPin.data['text']).toBe('Now enter your four digit PIN.');
    expect(routed).toMatchObject({ module: 'set_variables', data: { custom_application_vars: { account: '12345' } } });
    const state = await setup.runtime.callStates.get({ routeId: 'account-pin', callId });
    expect(state).toMatchObject({ path: ['account', 'pin'], digits: { account: '12345', pin: '9876' }, outcome: 'option:pin.1' });
  });
});

describe('pivot handler: follow-up URLs bound to their call, keys that rotate', () => {
  const voiceUrlOf = (answer: CallflowNode) => {
    let pivot: CallflowNode | undefined = answer;
    while (pivot && pivot.module !== 'pivot') pivot = pivot.children?.['_'];
    return new URL(pivot!.data['voice_url'] as string);
  };

  it.each([
    ["another Call-ID's URL", (url: URL) => url.search.slice(1), 'replayed-into@10.0.0.12'],
    ['a forged signature', (url: URL) => url.search.slice(1).replace(/sig=[^&]+/, `sig=${'A'.repeat(32)}`), 'signed-for@10.0.0.12'],
    ['no signature', (url: URL) => `${tokenQuery('account-pin')}&step=${url.searchParams.get('step')}`, 'signed-for@10.0.0.12'],
    [
      'an expired signature',
      () => followUpQueryFor('account-pin', 'signed-for@10.0.0.12', 'account', { expiresAt: BUSINESS_HOURS.getTime() / 1000 }),
      'signed-for@10.0.0.12',
    ],
  ])('refuses %s with 403 before any DynamoDB call, the call waiting where it was', async (_label, queryOf, callId) => {
    // Prepare: a live call waiting at the account prompt, and the URL its prompt gave
    const prompt = expectCallflow(
      await invoke(event({ route: 'account-pin', params: kazooParams({ 'Call-ID': 'signed-for@10.0.0.12' }) })),
    );
    const before = commands.length;

    // Act
    const result = await invoke(
      event({
        route: 'account-pin',
        voiceUrlQuery: queryOf(voiceUrlOf(prompt)),
        params: kazooParams({ 'Call-ID': callId, Digits: { account: '12345' } }),
      }),
    );

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.json).toEqual({ error: 'invalid_follow_up', message: 'this follow-up URL is not valid for this call' });
    expect(commands.length).toBe(before);
    expect(await setup.runtime.callStates.get({ routeId: 'account-pin', callId: 'signed-for@10.0.0.12' })).toMatchObject({
      step: 'account',
    });
  });

  it('opens routes and live calls with the previous key during a rotation, and not once it is removed', async () => {
    // Prepare: the same table, served by containers holding three generations of keys
    const NEW_KEY = 'the-next-route-key-0123456789';
    const containerWith = (keys: RouteKeys) =>
      createPivotHandler(() => ({ ...setup.runtime, routeKeys: async () => keys }), setup.telemetry);
    const before = containerWith({ current: TEST_ROUTE_KEY });
    const during = containerWith({ current: NEW_KEY, previous: TEST_ROUTE_KEY });
    const after = containerWith({ current: NEW_KEY });
    const oldPrompt = JSON.parse(
      (await before(event({ route: 'account-pin', params: kazooParams({ 'Call-ID': 'rotation' }) }), lambdaContext())).body!,
    );
    const followUp = (handler: typeof before) =>
      handler(
        event({
          route: 'account-pin',
          voiceUrlQuery: voiceUrlOf(oldPrompt).search.slice(1),
          params: kazooParams({ 'Call-ID': 'rotation', Digits: { account: '12345' } }),
        }),
        lambdaContext(),
      );

    // Act
    const oldUrlDuring = await during(event(), lambdaContext());
    const newUrlDuring = await during(event({ voiceUrlQuery: tokenQuery('main-number', NEW_KEY) }), lambdaContext());
    const liveCallDuring = await followUp(during);
    const oldUrlAfter = await after(event(), lambdaContext());
    const oldFollowUpAfter = await followUp(after);

    // Assess
    expect([oldUrlDuring, newUrlDuring, liveCallDuring].map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect([oldUrlAfter, oldFollowUpAfter].map((r) => r.statusCode)).toEqual([403, 403]);
  });
});

describe('pivot handler: a slow store', () => {
  it('answers the cached fallback inside the budget when DynamoDB stalls', async () => {
    // Prepare: a store that has seen the route once, then stalls for longer than the budget
    let stall = false;
    const dynamo = new DynamoRouteSource({ client: setup.client, tableName: setup.tableName });
    const rules = new CachedRulesStore(
      {
        fetchRouteDocument: async (id, o) => {
          if (stall) await new Promise((r) => setTimeout(r, 5_000).unref());
          return dynamo.fetchRouteDocument(id, o);
        },
      },
      { ttlMs: 0 },
    );
    const slowHandler = createPivotHandler(() => ({ ...setup.runtime, rules, budgetMs: 300 }), setup.telemetry);
    await slowHandler(event(), lambdaContext());
    stall = true;
    const started = performance.now();

    // Act
    const result = await slowHandler(event(), lambdaContext());

    // Assess
    expect(performance.now() - started).toBeLessThan(1_500);
    const node = expectCallflow({ ...result, json: JSON.parse(result.body!) });
    expect(node).toEqual({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
  });
});

describe('pivot handler: what produced the answer', () => {
  it('is named in x-pivot-decided-by only where asked for (the local server), never by the deployed handler', async () => {
    // Prepare
    const local = createPivotHandler(() => setup.runtime, setup.telemetry, { revealDecision: true });

    // Act
    const deployed = await handler(event(), lambdaContext());
    const revealed = await local(event(), lambdaContext());

    // Assess
    expect(deployed.headers?.['x-pivot-decided-by']).toBeUndefined();
    expect(revealed.headers?.['x-pivot-decided-by']).toBe('rule:business-hours');
    expect(revealed.body).toBe(deployed.body);
  });
});
