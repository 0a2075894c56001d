/**
 * What every rules command shares: where it writes, the exit code it returns, and
 * the route table it talks to (which one, how it is opened and closed, how a store
 * failure reads, and the text a route is kept as).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClient, DynamoClosureStore, DynamoRouteAdmin } from '../../adapters/dynamodb';
import type { ClosureAdmin } from '../../lib/closures/emergencyClosure';
import { RouteVersionError, StoreUnavailableError } from '../../lib/errors';
import type { RouteKeys } from '../../lib/pivot/routeCredentials';

/** Where a command writes; tests pass collectors, the CLI passes process.stdout / stderr. */
export type Output = { write(text: string): unknown };
export type RulesIo = { stdout: Output; stderr: Output };

export const EXIT_OK = 0;
/** Invalid input, a missing route, or a store failure. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

/** The table a command talks to, as the operator chose it (flags, else env, else defaults). */
export type TableTarget = { tableName: string; region: string; endpoint?: string };

/** What the commands need from the store: the admin side of the route table. */
export type RouteAdmin = Pick<DynamoRouteAdmin, 'putRoute' | 'getRoute' | 'deleteRoute' | 'listRouteIds' | 'versions'>;
export type OpenedRouteTable = { admin: RouteAdmin; closures: ClosureAdmin; close(): void };

export type RulesCliDeps = {
  env: Record<string, string | undefined>;
  openRouteTable(target: TableTarget): OpenedRouteTable;
  /** `url --secret`: the stack's route keys, read from Secrets Manager. */
  readRouteKeys(secretId: string, region: string): Promise<RouteKeys>;
  /** The clock: previews (impact, show), close's --until, warnings about start dates, list's closures. */
  now(): Date;
};

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
    closures: new DynamoClosureStore({ client, tableName: target.tableName }),
    close: () => client.destroy(),
  };
}

function hasConfiguredCredentials(): boolean {
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const awsDir = join(homedir(), '.aws');
  return (
    existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? join(awsDir, 'credentials')) || existsSync(env.AWS_CONFIG_FILE ?? join(awsDir, 'config'))
  );
}

/**
 * Opens the table, runs the command, always closes the client (so the process can
 * exit), and turns a store failure into one line with a hint at the usual cause.
 */
export async function withRouteTable(
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
  command: (admin: RouteAdmin, closures: ClosureAdmin) => Promise<number>,
): Promise<number> {
  const table = deps.openRouteTable(target);
  try {
    return await command(table.admin, table.closures);
  } catch (error) {
    if (error instanceof RouteVersionError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_FAILED;
    }
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    io.stderr.write(`hint: ${hintFor(target)}\n`);
    return EXIT_FAILED;
  } finally {
    table.close();
  }
}

function hintFor(target: TableTarget): string {
  if (target.endpoint) {
    return `is the local DynamoDB running at ${target.endpoint}? \`npm start\` prints its endpoint; the table name is ${target.tableName} (--table).`;
  }
  return `this used your AWS credentials (default chain) on ${describeTarget(target)}; check --table / TABLE_NAME, --region / AWS_REGION and your credentials, or pass --endpoint for a local DynamoDB.`;
}

/**
 * The route text kept in the table: compact JSON of the document as the operator
 * wrote it (no defaults filled in, keys in their written order), minus `$schema`,
 * which only tells an editor where the schema file sits next to the source file.
 * Comparisons (unchanged / updated) are structural, so reformatting a file or
 * moving it between JSON and YAML changes nothing.
 */
export function toStoredText(document: Record<string, unknown>): string {
  return JSON.stringify(withoutEditorKeys(document));
}

export function withoutEditorKeys(document: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _editorOnly, ...rest } = document;
  return rest;
}

export type StoredDocument = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/** Reads back what the table holds; a hand-edited item may not even be JSON. */
export function parseStoredText(text: string): StoredDocument {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { ok: false, reason: 'the stored text is not a JSON object' };
    return { ok: true, document: withoutEditorKeys(value as Record<string, unknown>) };
  } catch (error) {
    return { ok: false, reason: `the stored text is not JSON (${(error as Error).message})` };
  }
}
