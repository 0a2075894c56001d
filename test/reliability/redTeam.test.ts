import { beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCdrHandler } from '../../functions/cdr';
import { createPivotHandler } from '../../functions/pivot';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { followUpQueryFor, lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';

/**
 * Issue 12's red-team cases, each through the real pivot and cdr handlers on
 * dynalite, as an attacker who holds one tenant's URLs would try them. Route A is
 * `account-pin` (a two-step IVR), route B is `sales-support` (another tenant's menu).
 */
type Result = APIGatewayProxyStructuredResultV2 & { json: Record<string, unknown> };

const ROUTE_A = 'account-pin';
const ROUTE_B = 'sales-support';

let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;
let pivot: ReturnType<typeof createPivotHandler>;
let cdr: ReturnType<typeof createCdrHandler>;
let commands: string[];

beforeAll(async () => {
  setup = await pivotTestRuntime();
  pivot = createPivotHandler(() => setup.runtime, setup.telemetry);
  cdr = createCdrHandler(() => setup.runtime, setup.telemetry);
  commands = recordKeys(setup.runtime.dynamo);
});

async function invoke(handler: typeof pivot, event: unknown): Promise<Result & { ms: number }> {
  const started = performance.now();
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...result, ms: performance.now() - started, json: JSON.parse(result.body!) as Record<string, unknown> };
}

function request(route: string, voiceUrlQuery: string, params: KazooParams) {
  return pivotEventV2({ as: 'get', route, params: kazooParams(params), voiceUrlQuery });
}

/** The voice_url query our answer told Kazoo to call back with. */
function followUpQueryOf(answer: Result): string {
  let node = answer.json as unknown as CallflowNode | undefined;
  while (node && node.module !== 'pivot') node = node.children?.['_'];
  return new URL(node!.data['voice_url'] as string).search.slice(1);
}

/** Starts a call on route A and returns the signed follow-up query of its first step. */
async function callOnRouteA(callId: string): Promise<string> {
  const answer = await invoke(pivot, request(ROUTE_A, tokenQuery(ROUTE_A), { 'Call-ID': callId }));
  expect(answer.statusCode).toBe(200);
  return followUpQueryOf(answer);
}

/** Every command from now on as `<command> <pk>`, so a test can tell a route read from a call-state read. */
function recordKeys(client: typeof setup.runtime.dynamo): string[] {
  const seen: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } } };
      seen.push(`${context.commandName} ${input.Key?.pk?.S ?? input.Item?.pk?.S ?? ''}`);
      return next(args);
    },
    { step: 'initialize', name: 'redTeamKeys' },
  );
  return seen;
}

function callStateCommands(): string[] {
  return commands.filter((c) => c.includes('CALL#'));
}

describe('red team: one tenant’s URLs against another’s calls', () => {
  it('refuses route A’s token on route B before reading anything', async () => {
    // Prepare
    commands.length = 0;

    // Act
    const answer = await invoke(pivot, request(ROUTE_B, tokenQuery(ROUTE_A), { 'Call-ID': 'rt-token-a-on-b' }));

    // Assess
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
    expect(commands).toEqual([]);
  });

  it('refuses route A’s follow-up URL replayed on route B, and B cannot touch A’s call', async () => {
    // Prepare
    const query = await callOnRouteA('rt-cross-route');
    commands.length = 0;

    // Act: A's signed query, sent to B's path with B's Call-ID digits
    const answer = await invoke(pivot, request(ROUTE_B, query, { 'Call-ID': 'rt-cross-route', Digits: { account: '12345' } }));

    // Assess
    expect(answer.statusCode).toBe(403);
    expect(callStateCommands()).toEqual([]);
    const stateOfA = await setup.runtime.callStates.get({ routeId: ROUTE_A, callId: 'rt-cross-route' });
    expect(stateOfA?.step).toBe('account');
    expect(stateOfA?.digits).toEqual({});
  });

  it('refuses a follow-up URL replayed for another call', async () => {
    // Prepare
    const query = await callOnRouteA('rt-call-one');
    await callOnRouteA('rt-call-two');

    // Act: call one's signed URL with call two's Call-ID
    const answer = await invoke(pivot, request(ROUTE_A, query, { 'Call-ID': 'rt-call-two', Digits: { account: '12345' } }));

    // Assess
    expect(answer.statusCode).toBe(403);
    const stateOfTwo = await setup.runtime.callStates.get({ routeId: ROUTE_A, callId: 'rt-call-two' });
    expect(stateOfTwo?.digits).toEqual({});
  });

  it('refuses a forged step value: a signature made for one step does not open another', async () => {
    // Prepare: a genuine signature for step "account", with the step renamed to "pin"
    await callOnRouteA('rt-forged-step');
    const genuine = new URLSearchParams(followUpQueryFor(ROUTE_A, 'rt-forged-step', 'account'));
    genuine.set('step', 'pin');
    const forgedSig = new URLSearchParams(followUpQueryFor(ROUTE_A, 'rt-forged-step', 'pin'));
    forgedSig.set('sig', 'A'.repeat(32));

    // Act
    const renamed = await invoke(pivot, request(ROUTE_A, genuine.toString(), { 'Call-ID': 'rt-forged-step', Digits: { pin: '9876' } }));
    const invented = await invoke(pivot, request(ROUTE_A, forgedSig.toString(), { 'Call-ID': 'rt-forged-step', Digits: { pin: '9876' } }));

    // Assess
    expect(renamed.statusCode).toBe(403);
    expect(invented.statusCode).toBe(403);
    expect((await setup.runtime.callStates.get({ routeId: ROUTE_A, callId: 'rt-forged-step' }))?.step).toBe('account');
  });

  it('does not end route A’s call from route B’s cdr', async () => {
    // Prepare
    await callOnRouteA('rt-cross-cdr');

    // Act
    const answer = await invoke(
      cdr,
      pivotEventV2({
        as: 'form',
        route: ROUTE_B,
        path: `/pivot/${ROUTE_B}/cdr`,
        params: kazooParams({ 'Call-ID': 'rt-cross-cdr' }),
        voiceUrlQuery: tokenQuery(ROUTE_B),
      }),
    );

    // Assess
    expect(answer.statusCode).toBe(200);
    expect((await setup.runtime.callStates.get({ routeId: ROUTE_A, callId: 'rt-cross-cdr' }))?.ended).toBeFalsy();
  });

  it('keeps an ended call ended: a follow-up replayed after the cdr is refused and writes nothing', async () => {
    // Prepare
    const query = await callOnRouteA('rt-replay-after-end');
    const ended = await invoke(
      cdr,
      pivotEventV2({
        as: 'form',
        route: ROUTE_A,
        path: `/pivot/${ROUTE_A}/cdr`,
        params: kazooParams({ 'Call-ID': 'rt-replay-after-end' }),
        voiceUrlQuery: tokenQuery(ROUTE_A),
      }),
    );
    expect(ended.statusCode).toBe(200);

    // Act
    const replay = await invoke(pivot, request(ROUTE_A, query, { 'Call-ID': 'rt-replay-after-end', Digits: { account: '12345' } }));

    // Assess
    expect(replay.statusCode).toBe(410);
    const state = await setup.runtime.callStates.get({ routeId: ROUTE_A, callId: 'rt-replay-after-end' });
    expect(state?.ended).toBe(true);
    expect(state?.digits).toEqual({});
  });
});

describe('red team: the pattern that froze a Lambda for a minute', () => {
  const CALLER = '1'.repeat(31);
  const HANGUP = { module: 'hangup', data: {} };

  it('a hand-edited route holding `(?:[]|(\\d+)+)x]?` is not served, and the call is answered at once', async () => {
    // Prepare: written straight into the table, as a hand edit in the DynamoDB console would be
    await setup.admin.putRoute(
      'rt-slow-pattern',
      JSON.stringify({
        id: 'rt-slow-pattern',
        timezone: 'UTC',
        rules: [{ when: { callerId: { patterns: ['(?:[]|(\\d+)+)x]?'] } }, then: HANGUP }],
        fallback: HANGUP,
      }),
    );

    // Act
    const answer = await invoke(
      pivot,
      request('rt-slow-pattern', tokenQuery('rt-slow-pattern'), { 'Call-ID': 'rt-slow-1', 'Caller-ID-Number': CALLER }),
    );

    // Assess: RE2 has no empty class, so the route is invalid: refused like a missing one, quickly
    expect(answer.statusCode).toBe(404);
    expect(answer.ms).toBeLessThan(250);
  });

  it('its RE2 spelling is accepted and a 31-digit caller ID is answered in under 250 ms', async () => {
    // Prepare: the same pattern with the empty class written as RE2 can (a class matching nothing)
    const pattern = '(?:[^\\x00-\\x{10FFFF}]|(\\d+)+)x\\]?';
    await setup.admin.putRoute(
      'rt-nested-pattern',
      JSON.stringify({
        id: 'rt-nested-pattern',
        timezone: 'UTC',
        rules: [{ name: 'nested', when: { callerId: { patterns: [pattern] } }, then: HANGUP }],
        fallback: { module: 'tts', data: { text: 'no match' } },
      }),
    );
    await invoke(
      pivot,
      request('rt-nested-pattern', tokenQuery('rt-nested-pattern'), { 'Call-ID': 'rt-nested-warm', 'Caller-ID-Number': '1' }),
    );

    // Act
    const answer = await invoke(
      pivot,
      request('rt-nested-pattern', tokenQuery('rt-nested-pattern'), { 'Call-ID': 'rt-nested-1', 'Caller-ID-Number': CALLER }),
    );

    // Assess
    expect(answer.statusCode).toBe(200);
    expectKazooValid(answer.json);
    expect((answer.json as { module: string }).module).toBe('tts');
    expect(answer.ms).toBeLessThan(250);
  });
});
