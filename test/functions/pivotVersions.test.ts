import { beforeAll, describe, expect, it } from '@jest/globals';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { routeKey } from '../../adapters/dynamodb/pivotTableKeys';
import { createPivotRuntime, INVALID_ROUTE_LOG } from '../../adapters/lambda/pivotRuntime';
import { createPivotHandler } from '../../functions/pivot';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import type { RouteDocument } from '../../lib/routes/routeSchema';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { recordCommands } from '../fixtures/dynamoTestTable';
import { kazooParams } from '../fixtures/kazooCalls';
import { capturedTelemetry, lambdaContext, pivotTestRuntime, TEST_ROUTE_KEY, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';

/**
 * Versions on the live path, on dynalite: a call keeps the version it started on
 * across a publish, test callers get the draft, and a call whose version is gone
 * gets the fallback instead of a step of another version.
 */
type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const USER = { module: 'user', data: { id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' } };

function menuRoute(id: string, menuText: string, pressOne: unknown, extra: Partial<RouteDocument> = {}): Record<string, unknown> {
  return {
    id,
    timezone: 'UTC',
    rules: [{ name: 'greet', then: { goto: 'menu' } }],
    steps: { menu: { prompt: { tts: menuText }, options: [{ digits: '1', then: pressOne }] } },
    fallback: { module: 'hangup', data: {} },
    ...extra,
  };
}

let setup: Setup;
let handler: ReturnType<typeof createPivotHandler>;
let commands: string[];

beforeAll(async () => {
  // A route cache of 1 ms: every publish is seen by the next request.
  setup = await pivotTestRuntime({ env: { ROUTE_CACHE_TTL_MS: '1' } });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  commands = recordCommands(setup.runtime.dynamo);
});

const push = (document: Record<string, unknown>, draft = false) =>
  setup.admin.versions.push(String(document.id), document, { draft, keep: 20, pushedBy: 'test' });

async function call(route: string, callId: string, caller = '+14155550123', voiceUrlQuery = tokenQuery(route), digits?: string) {
  const params = kazooParams({ 'Call-ID': callId, 'Caller-ID-Number': caller, ...(digits ? { Digits: { menu: digits } } : {}) });
  const result = await handler(pivotEventV2({ as: 'get', route, params, voiceUrlQuery }), lambdaContext());
  await new Promise((resolve) => setTimeout(resolve, 3));
  return { status: result.statusCode, json: JSON.parse(result.body!) as CallflowNode };
}

/** The query of the follow-up URL the prompt's pivot node carries. */
function followUpOf(prompt: CallflowNode): URLSearchParams {
  let node: CallflowNode | undefined = prompt;
  while (node && node.module !== 'pivot') node = node.children?.['_'];
  return new URL(node!.data['voice_url'] as string).searchParams;
}

describe('a call keeps the version it started on', () => {
  it('a publish mid-call: the caller in the menu finishes on v1, a new caller hears v2', async () => {
    // Prepare: a caller waiting at v1's menu
    await push(menuRoute('span', 'Version one menu', VOICEMAIL));
    const prompt = await call('span', 'span-1');
    expect(prompt.json.data['text']).toBe('Version one menu');
    expect(followUpOf(prompt.json).get('ver')).toBe('1');

    // Act: v2 goes live, then the waiting caller presses 1, and a new caller arrives
    await push(menuRoute('span', 'Version two menu', USER));
    const pressed = await call('span', 'span-1', undefined, followUpOf(prompt.json).toString(), '1');
    const newcomer = await call('span', 'span-2');

    // Assess
    expect(pressed.status).toBe(200);
    expectKazooValid(pressed.json);
    expect(pressed.json).toMatchObject(VOICEMAIL);
    expect(newcomer.json.data['text']).toBe('Version two menu');
  });

  it('reads a version no longer live once per container, then from memory', async () => {
    // Prepare: two callers at v1's menu, then v2 live
    await push(menuRoute('pinned', 'One', VOICEMAIL));
    const first = await call('pinned', 'pinned-1');
    const second = await call('pinned', 'pinned-2');
    await push(menuRoute('pinned', 'Two', USER));

    // Act
    const before = commands.length;
    await call('pinned', 'pinned-1', undefined, followUpOf(first.json).toString(), '1');
    const firstReads = commands.slice(before).filter((c) => c === 'GetItemCommand').length;
    const middle = commands.length;
    const again = await call('pinned', 'pinned-2', undefined, followUpOf(second.json).toString(), '1');
    const secondReads = commands.slice(middle).filter((c) => c === 'GetItemCommand').length;

    // Assess
    expect(again.json).toMatchObject(VOICEMAIL);
    expect(firstReads - secondReads).toBe(1);
  });

  it('a version that is gone (pruned): the live fallback, never a step of another version', async () => {
    // Prepare
    await push(menuRoute('gone', 'One', VOICEMAIL));
    const prompt = await call('gone', 'gone-1');
    await push(menuRoute('gone', 'Two', USER));
    await setup.admin.versions.deleteVersions('gone', [1]);

    // Act
    const pressed = await call('gone', 'gone-1', undefined, followUpOf(prompt.json).toString(), '1');

    // Assess
    expect(pressed.json).toEqual({ module: 'hangup', data: {} });
    expect(await setup.runtime.callStates.get({ routeId: 'gone', callId: 'gone-1' })).toMatchObject({ outcome: 'fallback:version-gone' });
  });

  it('a follow-up URL whose version was changed is refused (the version is signed)', async () => {
    // Prepare
    await push(menuRoute('forged', 'One', VOICEMAIL));
    const prompt = await call('forged', 'forged-1');
    await push(menuRoute('forged', 'Two', USER));
    const query = followUpOf(prompt.json);
    query.set('ver', '2');

    // Act
    const pressed = await call('forged', 'forged-1', undefined, query.toString(), '1');

    // Assess
    expect(pressed.status).toBe(403);
  });
});

describe('test callers get the draft', () => {
  it('a listed caller runs the draft through its IVR; everyone else the live version', async () => {
    // Prepare: the draft lists the number written the way a person would
    await push(menuRoute('drafted', 'Live menu', VOICEMAIL));
    await push(menuRoute('drafted', 'Draft menu', USER, { testCallers: ['+1 (415) 555-0123'] }), true);

    // Act
    const tester = await call('drafted', 'tester-1', '+14155550123');
    const testerPressed = await call('drafted', 'tester-1', '+14155550123', followUpOf(tester.json).toString(), '1');
    const caller = await call('drafted', 'caller-1', '+12125550199');

    // Assess
    expect(tester.json.data['text']).toBe('Draft menu');
    expect(followUpOf(tester.json).get('ver')).toBe('2');
    expect(testerPressed.json).toMatchObject(USER);
    expect(caller.json.data['text']).toBe('Live menu');
  });

  it('after publish the draft is what everyone gets', async () => {
    // Prepare
    await push(menuRoute('published', 'Live menu', VOICEMAIL));
    const { version } = await push(menuRoute('published', 'Draft menu', USER, { testCallers: ['+14155550123'] }), true);

    // Act
    await setup.admin.versions.makeLive('published', version, 'publish');
    const caller = await call('published', 'caller-1', '+12125550199');

    // Assess
    expect(caller.json.data['text']).toBe('Draft menu');
  });
});

describe('a hand edit that breaks the live copy', () => {
  it('a container that never read it valid answers with the version it was pushed as', async () => {
    // Prepare: v1 pushed, then the live map hand-edited into something invalid
    await push(menuRoute('hand-edited', 'Pushed menu', VOICEMAIL));
    await setup.client.send(
      new UpdateItemCommand({
        TableName: setup.tableName,
        Key: routeKey('hand-edited'),
        UpdateExpression: 'SET #route.#timezone = :zone',
        ExpressionAttributeNames: { '#route': 'route', '#timezone': 'timezone' },
        ExpressionAttributeValues: { ':zone': { S: 'Mars/Olympus_Mons' } },
      }),
    );
    const telemetry = capturedTelemetry();
    const cold = createPivotRuntime(
      {
        TABLE_NAME: setup.tableName,
        PIVOT_ROUTE_KEY: TEST_ROUTE_KEY,
        DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
        AWS_REGION: 'us-east-1',
      },
      telemetry,
    );
    const coldHandler = createPivotHandler(() => cold, telemetry);

    // Act
    const params = kazooParams({ 'Call-ID': 'cold-1' });
    const result = await coldHandler(
      pivotEventV2({ as: 'get', route: 'hand-edited', params, voiceUrlQuery: tokenQuery('hand-edited') }),
      lambdaContext(),
    );

    // Assess
    expect(result.statusCode).toBe(200);
    expect((JSON.parse(result.body!) as CallflowNode).data['text']).toBe('Pushed menu');
    expect(telemetry.lines.find((l) => l['message'] === INVALID_ROUTE_LOG)).toMatchObject({
      route: 'hand-edited',
      issues: [{ path: 'timezone', message: '"Mars/Olympus_Mons" is not an IANA time zone' }],
    });
  });
});
