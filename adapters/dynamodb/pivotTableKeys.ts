/**
 * # The Pivot table
 *
 * One DynamoDB table holds both the routing rules and the per-call IVR state.
 *
 * - Partition key `pk` (S), no sort key, on-demand capacity (PAY_PER_REQUEST).
 * - Every request path reads and writes single items by key (GetItem / PutItem);
 *   nothing on a live call ever Scans or Queries.
 * - One call per IVR request: entering a step is one PutItem expecting no item; a
 *   follow-up is one PutItem expecting the version its URL carries (sealed in `sig`,
 *   lib/pivot/sealedFollowUp.ts), a live item (`ended` not true, `expiresAt` ahead).
 *   Only when that condition fails (a replay, a race) is the item read and written
 *   again under its version.
 *
 * Route items (written by the rules CLI, read on every Pivot request):
 *
 * | attribute   | type | meaning                                        |
 * |-------------|------|------------------------------------------------|
 * | `pk`        | S    | `ROUTE#<routeId>`                              |
 * | `route`     | M/S  | the live document: a map (JSON text still read) |
 * | `updatedAt` | N    | last write, epoch milliseconds                 |
 * | `liveVersion`, `latestVersion`, `draftVersion` | N | the live pointer, the last number given, the draft's |
 * | `draft`     | M/S  | the draft document (`push --draft`), if any   |
 * | `liveHistory` | L<N> | versions made live, oldest first (rollback) |
 * | `rev`       | N    | optimistic concurrency for CLI writes          |
 *
 * Version items `ROUTE#<routeId>#V#<n>` (written and read by the CLI; read on a live
 * call only by a follow-up pinned to a version no longer live): `route` (M/S),
 * `version`, `pushedAt`, `pushedBy`, `message`, `draft` (BOOL).
 *
 * Call-state items (one per route and Kazoo Call-ID, written on every IVR step):
 *
 * | attribute   | type | meaning                                              |
 * |-------------|------|------------------------------------------------------|
 * | `pk`        | S    | `CALL#<routeId>#<callId>`                            |
 * | `callId`    | S    | the Kazoo Call-ID                                    |
 * | `routeId`   | S    | the route the call is running (also in `pk`)         |
 * | `step`      | S    | IVR step awaiting an answer (absent when none)       |
 * | `attempts`  | N    | prompts played for that step                         |
 * | `digits`    | M<S> | collected DTMF by collection name                    |
 * | `vars`      | M<S> | values kept by earlier steps                         |
 * | `path`      | L<S> | steps visited, in order                              |
 * | `outcome`   | S    | last answer: rule name, `step:<name>`, `fallback`... |
 * | `ended`     | BOOL | true once the cdr came (no later write until the TTL passes); false, always written, before |
 * | `version`   | N    | optimistic concurrency: each write expects the last; |
 * |             |      | a prompt's follow-up URL seals the version written   |
 * | `updatedAt` | N    | last write, epoch milliseconds                       |
 * | `expiresAt` | N    | TTL attribute, epoch SECONDS (now + ttlHours)        |
 *
 * Emergency-closure items (written by `rules close`, removed by `rules reopen`,
 * read beside the route on a fresh call and cached as long as it). Kept apart
 * from the route item so a closure never rewrites the route document:
 *
 * | attribute   | type | meaning                                              |
 * |-------------|------|------------------------------------------------------|
 * | `pk`        | S    | `CLOSURE#<routeId>`                                  |
 * | `closedAt`  | N    | when it was closed, epoch milliseconds               |
 * | `until`     | N    | open again from then on, epoch ms (absent: reopen)   |
 * | `message`   | S    | spoken to callers before the closed callflow         |
 *
 * TTL is enabled on `expiresAt` (by the infrastructure stack; dynalite has no
 * UpdateTimeToLive). DynamoDB deletes expired items up to days late, so readers
 * treat `expiresAt <= now` as absent themselves, and writers overwrite such an item
 * under the usual version condition.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CallKey } from '../../lib/calls/callState';
import { str } from './attributeValues';

export const PARTITION_KEY = 'pk';
export const TTL_ATTRIBUTE = 'expiresAt';
export const ROUTE_KEY_PREFIX = 'ROUTE#';
export const CALL_KEY_PREFIX = 'CALL#';
export const CLOSURE_KEY_PREFIX = 'CLOSURE#';

export const routeKey = (routeId: string) => ({ [PARTITION_KEY]: str(ROUTE_KEY_PREFIX + routeId) });
export const closureKey = (routeId: string) => ({ [PARTITION_KEY]: str(CLOSURE_KEY_PREFIX + routeId) });

/**
 * The route comes first and cannot hold a `#` (route ids are letters, digits, `-`
 * and `_`), so no route id and Call-ID pair can spell another route's key.
 * Every key still starts with `CALL#`: the IAM LeadingKeys condition is unchanged.
 */
export function callKey({ routeId, callId }: CallKey) {
  if (routeId === '' || routeId.includes('#')) throw new TypeError(`not a route id for a call-state key: "${routeId}"`);
  return { [PARTITION_KEY]: str(`${CALL_KEY_PREFIX}${routeId}#${callId}`) };
}

const ACTIVE_POLL_MS = 100;

/**
 * Creates the table (used by tests, the local server and the CLI; production tables
 * come from the infrastructure stack). Idempotent: an existing table is waited on,
 * not an error.
 */
export async function createPivotTable(client: DynamoDBClient, tableName: string, options: { waitTimeoutMs?: number } = {}): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: PARTITION_KEY, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilActive(client, tableName, options.waitTimeoutMs ?? 60_000);
}

// A hand-rolled poll: the SDK waiter's minimum delay (20 s) is far too slow for tests.
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() >= deadline) {
      throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms (status ${Table?.TableStatus})`);
    }
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}

/** Marks a route's version items: `ROUTE#<id>#V#<n>`. Route ids hold no `#`, so no route id spells one. */
export const VERSION_KEY_INFIX = '#V#';

/** One immutable version of a route (starts with `ROUTE#`: the same IAM LeadingKeys grant reads it). */
export const routeVersionKey = (routeId: string, version: number) => ({
  [PARTITION_KEY]: str(`${ROUTE_KEY_PREFIX}${routeId}${VERSION_KEY_INFIX}${version}`),
});
