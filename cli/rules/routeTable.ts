import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClient, DynamoRouteAdmin } from '../../adapters/dynamodb';
import type { OpenedRouteTable, TableTarget } from './rulesCliTypes';

/** An operator waits on one command; a slow but working connection should not fail it. */
const CLI_BUDGET_MS = 10_000;

export const DEFAULT_TABLE = 'kazoo-pivot-local';
export const DEFAULT_REGION = 'us-east-1';

/** Flags win over the environment, which wins over the local defaults. */
export function resolveTableTarget(
  flags: { table?: string; region?: string; endpoint?: string },
  env: Record<string, string | undefined>,
): TableTarget {
  return {
    tableName: flags.table ?? env.TABLE_NAME ?? DEFAULT_TABLE,
    region: flags.region ?? env.AWS_REGION ?? DEFAULT_REGION,
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
  };
}

export function describeTarget(target: TableTarget): string {
  const where = target.endpoint ? `at ${target.endpoint}` : `in AWS ${target.region}`;
  return `table ${target.tableName} ${where}`;
}

/**
 * Without --endpoint the SDK's default credential chain (env, profile, SSO, role)
 * reaches the real table. With one, the local DynamoDB ignores credentials but the
 * SDK still wants some to sign with: when the operator has none configured at all,
 * placeholders spare them a confusing "could not load credentials" error.
 * A configured profile is left alone (DynamoDB Local keys its data by access key).
 */
export function openRouteTable(target: TableTarget): OpenedRouteTable {
  if (target.endpoint && !hasConfiguredCredentials()) {
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
  }
  const client = createDynamoClient({ endpoint: target.endpoint, region: target.region, budgetMs: CLI_BUDGET_MS });
  return {
    admin: new DynamoRouteAdmin({ client, tableName: target.tableName }),
    close: () => client.destroy(),
  };
}

function hasConfiguredCredentials(): boolean {
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const awsDir = join(homedir(), '.aws');
  return existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? join(awsDir, 'credentials')) || existsSync(env.AWS_CONFIG_FILE ?? join(awsDir, 'config'));
}
