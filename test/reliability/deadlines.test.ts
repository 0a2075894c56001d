import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createPivotHandler } from '../../functions/pivot';
import { createDynamoClient, deriveClientTimeouts } from '../../adapters/dynamodb/createDynamoClient';
import { DynamoRouteSource } from '../../adapters/dynamodb/dynamoRouteSource';
import { routeKey } from '../../adapters/dynamodb/pivotTableKeys';
import { createPivotRuntime, INVALID_ROUTE_LOG } from '../../adapters/lambda/pivotRuntime';
import { StoreUnavailableError } from '../../lib/errors';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams, VOICEMAIL_ID } from '../fixtures/kazooCalls';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { startFaultyEndpoint, type Fault, type FaultyEndpoint } from '../fixtures/faultyDynamo';
import { capturedTelemetry, followUpQueryFor, pivotTestRuntime, TEST_ROUTE_KEY, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectUsableAnswer, invoke, printReport, report, type Answer } from './support/answers';

/**
 * A live call must be answered inside the budget whatever DynamoDB does. The
 * runtime is built exactly as the Lambda builds it (createPivotRuntime, env
 * DYNAMODB_ENDPOINT / BUDGET_MS), pointed at a fault endpoint in front of dynalite.
 */
const BUDGET_MS = 400;
/** Scheduling noise on a loaded 2-core CI machine; the answers themselves come at ~BUDGET_MS. */
const MARGIN_MS = 250;
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z');
const DYNALITE = process.env['DYNAMODB_ENDPOINT']!;
const VOICEMAIL_FALLBACK = { module: 'voicemail', data: { id: VOICEMAIL_ID } };

const worst: Record<string, number> = {};
const endpoints: FaultyEndpoint[] = [];

function note(label: string, answer: Answer): Answer {
  worst[label] = Math.max(worst[label] ?? 0, Math.round(answer.elapsedMs));
  return answer;
}

function pivotEvent(route: string, params: KazooParams = kazooParams(), voiceUrlQuery = tokenQuery(route)) {
  return pivotEventV2({ as: 'get', route, params, voiceUrlQuery });
}

/** A runtime on a fault endpoint that forwards to dynalite until the test breaks it. */
async function runtimeBehindFaultyStore() {
  const store = await startFaultyEndpoint({ upstream: DYNALITE });
  endpoints.push(store);
  const setup = await pivotTestRuntime({
    now: BUSINESS_HOURS,
    env: { DYNAMODB_ENDPOINT: store.endpoint, BUDGET_MS: String(BUDGET_MS), ROUTE_CACHE_TTL_MS: '1' },
  });
  const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  return { store, setup, handler };
}

afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  report('deadlines: worst answer time (ms) per fault, budget 400', worst);
  printReport('deadlines');
});

const faults: [string, (store: FaultyEndpoint) => Promise<void> | void][] = [
  ['(a) a server that accepts and never answers', (store) => store.set({ kind: 'silent' })],
  ['(b) a closed port', (store) => store.close()],
  ['(c) ThrottlingException', (store) => store.set({ kind: 'throttle', error: 'ThrottlingException' })],
  [
    '(c) ProvisionedThroughputExceededException',
    (store) => store.set({ kind: 'throttle', error: 'ProvisionedThroughputExceededException' }),
  ],
  ['(d) answers only after 1.5 s (slower than the budget)', (store) => store.set({ kind: 'slow', delayMs: 1_500 })],
];

describe.each(faults)('DynamoDB fault %s', (label, breakStore) => {
  let env: Awaited<ReturnType<typeof runtimeBehindFaultyStore>>;
  let primed: { entry: Answer; askAccount: Answer };

  beforeAll(async () => {
    env = await runtimeBehindFaultyStore();
    // Two good reads while the store works: the route cache keeps their last valid copies.
    primed = {
      entry: await invoke(env.handler, pivotEvent('main-number')),
      askAccount: await invoke(env.handler, pivotEvent('account-pin', kazooParams({ 'Call-ID': `fault-${label}` }))),
    };
    await new Promise((resolve) => setTimeout(resolve, 5)); // past ROUTE_CACHE_TTL_MS
    await breakStore(env.store);
  });

  it('was working before the fault (the cache is primed by real reads)', () => {
    // Assess
    expect(primed.entry.statusCode).toBe(200);
    expect(primed.entry.json).toMatchObject({ module: 'device' });
    expect(primed.askAccount.json).toMatchObject({ module: 'tts' });
  });

  it("answers the route's cached fallback callflow inside the budget", async () => {
    // Act
    const answer = note(label, await invoke(env.handler, pivotEvent('main-number')));

    // Assess
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual(VOICEMAIL_FALLBACK);
    expect(answer.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
  });

  it("answers an IVR follow-up with the route's fallback inside the budget", async () => {
    // Prepare
    const followUp = pivotEvent(
      'account-pin',
      kazooParams({ 'Call-ID': `fault-${label}`, Digits: { account: '12345' } }),
      followUpQueryFor('account-pin', `fault-${label}`, 'account'),
    );

    // Act
    const answer = note(label, await invoke(env.handler, followUp));

    // Assess
    expectUsableAnswer(answer);
    expect(answer.json).toEqual(VOICEMAIL_FALLBACK);
    expect(answer.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
  });

  it('answers 503 with a JSON error inside the budget for a route it has never read', async () => {
    // Act
    const answer = note(label, await invoke(env.handler, pivotEvent('vip-callers')));

    // Assess
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(503);
    expect(answer.json).toEqual({ error: 'unavailable', message: 'cannot route this call right now' });
    expect(answer.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
  });
});

describe('(e) a corrupt route item on dynalite', () => {
  let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;
  let handler: ReturnType<typeof createPivotHandler>;

  beforeAll(async () => {
    setup = await pivotTestRuntime({ now: BUSINESS_HOURS, env: { BUDGET_MS: String(BUDGET_MS), ROUTE_CACHE_TTL_MS: '1' } });
    handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  });

  const corruptions: [string, (routeId: string) => Promise<unknown>][] = [
    ['text that is not JSON', (id) => setup.admin.putRoute(id, `{"id": "${id}", "timezone": `)],
    [
      'JSON that breaks the route schema',
      (id) => setup.admin.putRoute(id, JSON.stringify({ id, timezone: 'America/New_York', rules: 'all of them' })),
    ],
    [
      'a number where the document should be',
      (id) => setup.client.send(new PutItemCommand({ TableName: setup.tableName, Item: { ...routeKey(id), route: { N: '42' } } })),
    ],
    [
      'an item with no document at all',
      (id) => setup.client.send(new PutItemCommand({ TableName: setup.tableName, Item: { ...routeKey(id), note: { S: 'half-written' } } })),
    ],
  ];

  it.each(corruptions)(
    '%s, after a good copy was read: that copy answers (here: its fallback) inside the budget',
    async (_kind, corrupt) => {
      // Prepare: a valid route, read once, then overwritten with something unreadable
      const id = `corrupt-${Math.random().toString(36).slice(2, 10)}`;
      await setup.admin.putRoute(id, JSON.stringify({ id, timezone: 'America/New_York', fallback: VOICEMAIL_FALLBACK }));
      expect((await invoke(handler, pivotEvent(id))).json).toEqual(VOICEMAIL_FALLBACK);
      await corrupt(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = setup.telemetry.lines.length;

      // Act
      const answer = note('(e) corrupt route item', await invoke(handler, pivotEvent(id)));

      // Assess
      expectUsableAnswer(answer);
      expect(answer.json).toEqual(VOICEMAIL_FALLBACK);
      expect(answer.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
      const logged = setup.telemetry.lines.slice(before).map((l) => l['message']);
      expect(logged).toContain(INVALID_ROUTE_LOG);
    },
  );

  it.each(corruptions)('%s, never readable: answers the same JSON 404 as a route that does not exist', async (_kind, corrupt) => {
    // Prepare
    const id = `corrupt-${Math.random().toString(36).slice(2, 10)}`;
    await corrupt(id);

    // Act
    const answer = note('(e) corrupt route item', await invoke(handler, pivotEvent(id)));
    const missing = await invoke(handler, pivotEvent(`missing-${id}`));

    // Assess: a non-200, so Kazoo takes the pivot node's `_` branch
    expectUsableAnswer(answer);
    expect(answer.statusCode).toBe(404);
    expect(answer.body).toBe(missing.body);
    expect(answer.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
  });
});

describe('the SDK on its own cannot outlive the budget', () => {
  it('derives timeouts whose worst case (every attempt timing out, plus the retry wait) fits any budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 60_000 }), (budgetMs) => {
        // Act
        const t = deriveClientTimeouts(budgetMs);

        // Assess
        expect(t.maxAttempts * t.requestTimeoutMs + t.maxRetryDelayMs).toBeLessThanOrEqual(budgetMs);
        expect(t.connectionTimeoutMs).toBeLessThanOrEqual(t.requestTimeoutMs);
        expect(t.maxRetryDelayMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  const directFaults: [string, Fault | 'closed', string][] = [
    ['a server that accepts and never answers', { kind: 'silent' }, 'TimeoutError'],
    ['a closed port', 'closed', 'ECONNREFUSED'],
    ['ThrottlingException with a 30 s retry-after hint', { kind: 'throttle', error: 'ThrottlingException' }, 'ThrottlingException'],
    [
      'ProvisionedThroughputExceededException',
      { kind: 'throttle', error: 'ProvisionedThroughputExceededException' },
      'ProvisionedThroughputExceededException',
    ],
    ['answers 1.5 s late', { kind: 'slow', delayMs: 1_500 }, 'TimeoutError'],
  ];

  it.each(directFaults)('a GetItem without any abort signal gives up inside the budget: %s', async (_label, fault, cause) => {
    // Prepare: no withDeadline, no abort signal: only the client's own settings can stop it
    const store = await startFaultyEndpoint({ upstream: DYNALITE });
    endpoints.push(store);
    if (fault === 'closed') await store.close();
    else store.set(fault);
    const client = createDynamoClient({ endpoint: store.endpoint, region: 'us-east-1', budgetMs: BUDGET_MS });
    const source = new DynamoRouteSource({ client, tableName: 'any' });
    const started = performance.now();

    // Act
    const outcome = await source.fetchRouteDocument('main-number').catch((error: unknown) => error);

    // Assess
    const elapsed = performance.now() - started;
    worst[`SDK alone: ${_label}`] = Math.round(elapsed);
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect(String((outcome as Error).message)).toContain(cause);
    expect(elapsed).toBeLessThan(BUDGET_MS + MARGIN_MS);
    // At most maxAttempts tries reach the server.
    const attempts = fault === 'closed' ? 0 : Math.max(store.stats.requests, store.stats.connections);
    expect(attempts).toBeLessThanOrEqual(deriveClientTimeouts(BUDGET_MS).maxAttempts);
    client.destroy();
  });
});

describe('the route key secret store misbehaving', () => {
  it('answers 503 inside the budget while Secrets Manager hangs, and serves calls again once it answers', async () => {
    // Prepare: Secrets Manager is a silent socket; the SDK finds it through AWS_ENDPOINT_URL_SECRETS_MANAGER
    const secrets = await startFaultyEndpoint({ fault: { kind: 'silent' } });
    endpoints.push(secrets);
    const setup = await pivotTestRuntime({ now: BUSINESS_HOURS });
    const telemetry = capturedTelemetry();
    const saved = process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];
    process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = secrets.endpoint;
    try {
      const runtime = createPivotRuntime(
        {
          TABLE_NAME: setup.tableName,
          ROUTE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:pivot-route-keys-AbCdEf',
          DYNAMODB_ENDPOINT: DYNALITE,
          BUDGET_MS: String(BUDGET_MS),
        },
        telemetry,
        { clock: () => BUSINESS_HOURS },
      );
      const handler = createPivotHandler(() => runtime, telemetry);

      // Act: one request while the secret store hangs, then it recovers (the hung socket stays open)
      const during = note('route key secret store hangs', await invoke(handler, pivotEvent('main-number')));
      secrets.set(
        {
          kind: 'answer',
          status: 200,
          body: { ARN: 'arn', Name: 'pivot-route-keys', SecretString: JSON.stringify({ current: TEST_ROUTE_KEY }) },
        },
        { keepConnections: true },
      );
      let after = await invoke(handler, pivotEvent('main-number'));
      for (let i = 0; i < 10 && after.statusCode !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, BUDGET_MS / 2));
        after = await invoke(handler, pivotEvent('main-number'));
      }

      // Assess
      expectUsableAnswer(during);
      expect(during.statusCode).toBe(503);
      expect(during.elapsedMs).toBeLessThan(BUDGET_MS + MARGIN_MS);
      expect(secrets.stats.connections).toBeGreaterThan(0);
      expect(after.statusCode).toBe(200);
      expect(after.json).toMatchObject({ module: 'device' });
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];
      else process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = saved;
    }
  });
});
