import { loadExampleRoutes } from '../../local/loadExampleRoutes';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, createPivotTable, DynamoRouteAdmin } from '../../adapters/dynamodb';
import { createPivotRuntime, type PivotRuntime } from '../../adapters/lambda/pivotRuntime';
import { createPivotHandler } from '../../functions/pivot';
import { silentTelemetry } from './silentTelemetry';

export const BENCH_TOKEN = 'bench-t0ken-0123456789';
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

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
    PIVOT_TOKEN: BENCH_TOKEN,
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
