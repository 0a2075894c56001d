import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { num, str } from './attributeValues';
import { PARTITION_KEY, ROUTE_KEY_PREFIX, routeKey } from './pivotTableKeys';
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

  constructor(options: DynamoRouteAdminOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async putRoute(routeId: string, jsonText: string): Promise<void> {
    const Item = { ...routeKey(routeId), route: str(jsonText), updatedAt: num(this.#now()) };
    await callStore('route write', undefined, () => this.#client.send(new PutItemCommand({ TableName: this.#tableName, Item })));
  }

  /** The stored text, or undefined when absent. A route item without text is an error. */
  async getRoute(routeId: string): Promise<string | undefined> {
    const { Item } = await callStore('route read', undefined, () =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeKey(routeId), ConsistentRead: true })),
    );
    if (!Item) return undefined;
    const text = Item.route?.S;
    if (text === undefined) {
      throw new Error(`route item ${ROUTE_KEY_PREFIX}${routeId} has no string "route" attribute`);
    }
    return text;
  }

  /** True when a route was there to delete. */
  async deleteRoute(routeId: string): Promise<boolean> {
    const { Attributes } = await callStore('route delete', undefined, () =>
      this.#client.send(new DeleteItemCommand({ TableName: this.#tableName, Key: routeKey(routeId), ReturnValues: 'ALL_OLD' })),
    );
    return Attributes !== undefined;
  }

  /**
   * Every route id, sorted. This is the one Scan in the project, and it reads the
   * call-state items too (the filter only trims the reply, not the read): acceptable
   * for an operator's CLI, never for a live call. Paginates until the table is done.
   */
  async listRouteIds(): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await callStore('route list', undefined, () =>
        this.#client.send(
          new ScanCommand({
            TableName: this.#tableName,
            FilterExpression: 'begins_with(#pk, :prefix)',
            ProjectionExpression: '#pk',
            ExpressionAttributeNames: { '#pk': PARTITION_KEY },
            ExpressionAttributeValues: { ':prefix': str(ROUTE_KEY_PREFIX) },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const key = item[PARTITION_KEY]?.S;
        if (key?.startsWith(ROUTE_KEY_PREFIX)) ids.push(key.slice(ROUTE_KEY_PREFIX.length));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ids.sort();
  }
}
