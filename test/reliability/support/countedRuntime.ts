import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDynamoClient, DynamoCallStateStore, DynamoRouteAdmin, DynamoRouteSource } from '../../../adapters/dynamodb';
import { createPivotRuntime } from '../../../adapters/lambda/pivotRuntime';
import { runtimeConfigFrom } from '../../../adapters/lambda/runtimeConfig';
import { createPivotHandler } from '../../../functions/pivot';
import { CachedRulesStore } from '../../../lib/stores/rulesStore';
import { createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';
import { EXAMPLES_DIR, exampleFiles } from '../../fixtures/exampleRoutes';
import { capturedTelemetry, TEST_TOKEN } from '../../fixtures/pivotTestRuntime';

/**
 * A runtime wired like createPivotRuntime's, whose stores share one DynamoDB client
 * (built by createDynamoClient from the same settings) with a middleware counting
 * every command it sends. `endpoint` may be a fault endpoint in front of dynalite.
 */
export async function countedRuntime(options: { endpoint?: string; env?: Record<string, string>; now?: Date } = {}) {
  const { client: adminClient, tableName } = await createTestTable('reliability');
  const admin = new DynamoRouteAdmin({ client: adminClient, tableName });
  for (const file of exampleFiles()) {
    const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
    await admin.putRoute((JSON.parse(text) as { id: string }).id, text);
  }
  const env = {
    TABLE_NAME: tableName,
    PIVOT_TOKEN: TEST_TOKEN,
    DYNAMODB_ENDPOINT: options.endpoint ?? process.env['DYNAMODB_ENDPOINT'],
    AWS_REGION: 'us-east-1',
    ...options.env,
  };
  const config = runtimeConfigFrom(env);
  const client = createDynamoClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, budgetMs: config.BUDGET_MS });
  const commands = recordCommands(client);
  const telemetry = capturedTelemetry();
  const now = options.now ?? new Date('2026-11-24T17:00:00Z');
  const runtime = createPivotRuntime(env, telemetry, {
    rules: new CachedRulesStore(new DynamoRouteSource({ client, tableName }), { ttlMs: config.ROUTE_CACHE_TTL_MS }),
    callStates: new DynamoCallStateStore({ client, tableName, ttlHours: config.CALL_STATE_TTL_HOURS }),
    clock: () => now,
  });
  const handler = createPivotHandler(() => runtime, telemetry);
  return { runtime, handler, telemetry, admin, commands, tableName };
}
