import { loadExampleRoutes } from '../../../local/loadExampleRoutes';
import { DynamoRouteAdmin } from '../../../adapters/dynamodb';
import { createPivotRuntime } from '../../../adapters/lambda/pivotRuntime';
import { createPivotHandler } from '../../../functions/pivot';
import { createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';
import { EXAMPLES_DIR } from '../../fixtures/exampleRoutes';
import { capturedTelemetry, TEST_ROUTE_KEY } from '../../fixtures/pivotTestRuntime';

/**
 * The deployed runtime (createPivotRuntime) with a middleware on its DynamoDB
 * client counting every command it sends. `endpoint` may be a fault endpoint in front of dynalite.
 */
export async function countedRuntime(options: { endpoint?: string; env?: Record<string, string>; now?: Date } = {}) {
  const { client: adminClient, tableName } = await createTestTable('reliability');
  const admin = new DynamoRouteAdmin({ client: adminClient, tableName });
  await loadExampleRoutes(admin, EXAMPLES_DIR, { keepExisting: false });
  const env = {
    TABLE_NAME: tableName,
    PIVOT_ROUTE_KEY: TEST_ROUTE_KEY,
    DYNAMODB_ENDPOINT: options.endpoint ?? process.env['DYNAMODB_ENDPOINT'],
    AWS_REGION: 'us-east-1',
    ...options.env,
  };
  const telemetry = capturedTelemetry();
  const now = options.now ?? new Date('2026-11-24T17:00:00Z');
  const runtime = createPivotRuntime(env, telemetry, { clock: () => now });
  const commands = recordCommands(runtime.dynamo);
  const handler = createPivotHandler(() => runtime, telemetry);
  return { runtime, handler, telemetry, admin, commands, tableName };
}
