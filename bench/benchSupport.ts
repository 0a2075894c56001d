/**
 * The harness the benchmarks share: the deployed pivot handler wired for
 * measuring, the dynalite it reads, the Kazoo requests it is fed, and the
 * helpers that bound a sampling loop and summarize its samples.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createDynamoClient, createPivotTable, DynamoRouteAdmin } from '../adapters/dynamodb';
import { createPivotRuntime, type PivotRuntime } from '../adapters/lambda/pivotRuntime';
import { createTelemetry, type Telemetry } from '../adapters/lambda/telemetry';
import { createPivotHandler } from '../functions/pivot';
import { followUpQuery, routeToken } from '../lib/pivot/routeCredentials';
import type { KazooParams } from '../lib/request/encodeKazooParams';
import type { FollowUpQuery } from '../lib/rules/pivotBack';
import { loadExampleRoutes } from '../local/loadExampleRoutes';
import { pivotEventV2 } from '../test/fixtures/apiGatewayEvents';
import { kazooParams } from '../test/fixtures/kazooCalls';

export const BENCH_ROUTE_KEY = 'bench-route-key-0123456789';

/** A route's token under the bench key, as `npm run rules -- url` would print it. */
export function benchToken(routeId: string): string {
  return routeToken(BENCH_ROUTE_KEY, routeId);
}

/** Far beyond the bench's instants: its follow-ups are signed like the handler's, and never expire mid-run. */
const FOLLOW_UP_EXPIRY = Date.parse('2100-01-01T00:00:00Z') / 1000;

/** The follow-up signer the handler hands the rules engine, for benches that run the engine alone. */
export function benchFollowUps(routeId: string, callId: string): FollowUpQuery {
  return followUpQuery({ current: BENCH_ROUTE_KEY }, { routeId, callId }, FOLLOW_UP_EXPIRY);
}
export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export type DynaliteServer = { endpoint: string; close: () => Promise<void> };

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

/**
 * An in-process dynalite on a loopback port, as the tests and `npm start` run it.
 * Imported through a string-typed specifier: dynalite ships no types, and an ambient
 * `declare module 'dynalite'` here could clash with one another folder adds.
 */
export async function startDynalite(): Promise<DynaliteServer> {
  const specifier: string = 'dynalite';
  const { default: dynalite } = (await import(specifier)) as { default: DynaliteFactory };
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh table holding every example route, as `npm run rules` would store them. */
export async function seedPivotTable(endpoint: string, tableName: string): Promise<void> {
  const client = createDynamoClient({ endpoint, budgetMs: 5_000, region: process.env['AWS_REGION'] });
  await createPivotTable(client, tableName);
  const admin = new DynamoRouteAdmin({ client, tableName });
  await loadExampleRoutes(admin, EXAMPLES_DIR, { keepExisting: false });
  client.destroy();
}

/** What the Lambda environment holds, pointed at the bench's dynalite. */
export function pivotEnvironment(endpoint: string, tableName: string): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    PIVOT_ROUTE_KEY: BENCH_ROUTE_KEY,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env['AWS_REGION'] ?? 'us-east-1',
  };
}

export type PivotBench = {
  invoke: (event: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
  runtime: PivotRuntime;
  /** The runtime's own DynamoDB client, for counting its calls. */
  client: DynamoDBClient;
  setNow: (instant: Date) => void;
};

/**
 * The deployed handler's wiring (createPivotHandler over createPivotRuntime) with
 * two seams, the clock (rules judged at chosen instants) and a silent telemetry
 * sink; calls are counted on the runtime's own DynamoDB client. The runtime is
 * built at once, not lazily, so no measured request pays for it.
 */
export function createPivotBench(endpoint: string, tableName: string, now = new Date('2026-11-24T17:00:00Z')): PivotBench {
  const telemetry = silentTelemetry();
  let instant = now;
  const runtime = createPivotRuntime(pivotEnvironment(endpoint, tableName), telemetry, { clock: () => instant });
  const client = runtime.dynamo;
  const handler = createPivotHandler(() => runtime, telemetry);
  return {
    invoke: async (event) => (await handler(event as APIGatewayProxyEventV2, lambdaContext)) as APIGatewayProxyStructuredResultV2,
    runtime,
    client,
    setNow: (next) => (instant = next),
  };
}

const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'pivot',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:pivot',
  memoryLimitInMB: '256',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/pivot',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const discard = () => undefined;
const sink = { log: discard, info: discard, warn: discard, error: discard, debug: discard, trace: discard } as unknown as Console;

/**
 * The real Powertools logger and metrics, formatting every line as in Lambda, but
 * writing to nowhere: the cost of building log lines and EMF stays in the figure,
 * and the bench's stdout stays a table.
 */
function silentTelemetry(service = 'kazoo-pivot-bench'): Telemetry {
  const telemetry = createTelemetry(service);
  Object.assign(telemetry.logger, { console: sink });
  Object.assign(telemetry.metrics, { console: sink });
  return telemetry;
}

/*
 * API Gateway v2 events as Kazoo's pivot node sends them (GET, req_format=kazoo),
 * built by the test fixtures' encoder so the bench feeds the handler what the
 * tests prove it handles.
 */

/** A call entering a route. */
export function entryEvent(route: string, callId: string, extra: KazooParams = {}) {
  return pivotEventV2({
    as: 'get',
    route,
    voiceUrlQuery: `token=${benchToken(route)}`,
    params: kazooParams({ 'Call-ID': callId, ...extra }),
  });
}

/**
 * What Kazoo requests after a step prompt: the voice_url of the answer's pivot node
 * (its signature carries the call state the prompt wrote), with the collected digits.
 */
export function followUpFromAnswer(route: string, callId: string, answerBody: string | undefined, digits: Record<string, string>) {
  let node = JSON.parse(answerBody ?? '{}') as { module?: string; data?: { voice_url?: string }; children?: Record<string, unknown> };
  while (node.module !== 'pivot') {
    const next = node.children?.['_'];
    if (!next) throw new Error(`no pivot back in the answer: ${answerBody}`);
    node = next as typeof node;
  }
  return pivotEventV2({
    as: 'get',
    route,
    voiceUrlQuery: new URL(node.data?.voice_url ?? '').search.slice(1),
    params: kazooParams({ 'Call-ID': callId, Digits: digits }),
  });
}

/** Kazoo's cdr_url callback at hang-up. */
export function cdrEvent(route: string, callId: string) {
  return pivotEventV2({
    as: 'form',
    route,
    path: `/pivot/${route}/cdr`,
    voiceUrlQuery: `token=${benchToken(route)}`,
    params: kazooParams({ 'Call-ID': callId, 'Hangup-Cause': 'NORMAL_CLEARING', 'Duration-Seconds': '42' }),
  });
}

/**
 * A bound on a measurement loop: it stops at whichever comes first, the round
 * count or the time limit, so a slow machine makes figures noisier, never the run endless.
 */
export type TimeBox = { readonly deadline: number; expired(): boolean };

export function timeBox(limitMs: number): TimeBox {
  const deadline = performance.now() + limitMs;
  return { deadline, expired: () => performance.now() >= deadline };
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);
