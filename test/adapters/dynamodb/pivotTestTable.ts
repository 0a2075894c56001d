import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../../adapters/dynamodb/createDynamoClient';
import { createPivotTable } from '../../../adapters/dynamodb/pivotTableKeys';

/** A client on the dynalite that globalSetup started. */
export function createTestClient(): { client: DynamoDBClient } {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: is jest running with globalSetup?');
  return { client: createDynamoClient({ endpoint, region: process.env.AWS_REGION, budgetMs: 5_000 }) };
}

/** A fresh, uniquely named table there. */
export async function createTestTable(purpose: string): Promise<{ client: DynamoDBClient; tableName: string }> {
  const { client } = createTestClient();
  const tableName = `${purpose}-${randomUUID()}`;
  await createPivotTable(client, tableName);
  return { client, tableName };
}

/** Records the name of every command sent from now on (one entry per call, retries not included). */
export function recordCommands(client: DynamoDBClient): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      names.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: `recordCommands-${randomUUID()}` },
  );
  return names;
}
