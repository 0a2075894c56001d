import { DeleteItemCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { num, str } from './attributeValues';
import { attributeToDocument } from './documentAttribute';
import { DynamoRouteVersions } from './dynamoRouteVersions';
import { PARTITION_KEY, ROUTE_KEY_PREFIX, routeKey, VERSION_KEY_INFIX } from './pivotTableKeys';
import { scanKeyPrefix } from './scanKeyPrefix';
import { callStore } from './storeCall';

export type DynamoRouteAdminOptions = { client: DynamoDBClient; tableName: string; now?: () => number };

/**
 * Route maintenance for the rules CLI. Stores text as given: the CLI validates a
 * document before calling putRoute, and the live path validates it again on read.
 */
export class DynamoRouteAdmin {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #now: () => number;
  /** Numbered versions and the live pointer (what `push`, `history`, `rollback` and `publish` use). */
  readonly versions: DynamoRouteVersions;

  constructor(options: DynamoRouteAdminOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
    this.versions = new DynamoRouteVersions(options);
  }

  /** Writes the live document as JSON text, unversioned: the older form (and what a hand edit may leave). */
  async putRoute(routeId: string, jsonText: string): Promise<void> {
    const Item = { ...routeKey(routeId), route: str(jsonText), updatedAt: num(this.#now()) };
    await callStore('route write', undefined, () => this.#client.send(new PutItemCommand({ TableName: this.#tableName, Item })));
  }

  /**
   * The live document as JSON text (a map is given as its JSON), or undefined when
   * absent. A route item whose `route` is neither is an error.
   */
  async getRoute(routeId: string): Promise<string | undefined> {
    const { Item } = await callStore('route read', undefined, () =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeKey(routeId), ConsistentRead: true })),
    );
    if (!Item) return undefined;
    if (Item.route?.S === undefined && Item.route?.M === undefined) {
      throw new Error(`route item ${ROUTE_KEY_PREFIX}${routeId} holds neither JSON text nor a map in "route"`);
    }
    const document = attributeToDocument(Item.route);
    return typeof document === 'string' ? document : JSON.stringify(document);
  }

  /** True when a route was there to delete. Its versions go with it. */
  async deleteRoute(routeId: string): Promise<boolean> {
    const { Attributes } = await callStore('route delete', undefined, () =>
      this.#client.send(new DeleteItemCommand({ TableName: this.#tableName, Key: routeKey(routeId), ReturnValues: 'ALL_OLD' })),
    );
    const latest = Number(Attributes?.latestVersion?.N ?? 0);
    // Every number ever given: deleting one already pruned costs nothing.
    if (latest > 0)
      await this.versions.deleteVersions(
        routeId,
        Array.from({ length: latest }, (_, i) => i + 1),
      );
    return Attributes !== undefined;
  }

  /**
   * Every route id, sorted. A Scan that reads the call-state items too (the filter
   * only trims the reply, not the read): acceptable for an operator's CLI, never for
   * a live call. Only the keys come back; version items are left out.
   */
  async listRouteIds(): Promise<string[]> {
    const ids: string[] = [];
    const items = scanKeyPrefix({
      client: this.#client,
      tableName: this.#tableName,
      what: 'route list',
      prefix: ROUTE_KEY_PREFIX,
      keysOnly: true,
    });
    for await (const item of items) {
      const key = item[PARTITION_KEY]?.S;
      if (key?.startsWith(ROUTE_KEY_PREFIX) && !key.includes(VERSION_KEY_INFIX)) ids.push(key.slice(ROUTE_KEY_PREFIX.length));
    }
    return ids.sort();
  }
}
