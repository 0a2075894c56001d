import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreCallOptions } from '../../lib/calls/callStateStore';
import type { RouteSource } from '../../lib/routes/rulesStore';
import { unwrapAttributeValue, unwrapItem } from './attributeValues';
import { routeKey } from './pivotTableKeys';
import { callStore } from './storeCall';

export type DynamoRouteSourceOptions = { client: DynamoDBClient; tableName: string };

/**
 * The live-call read of a route: one GetItem on `ROUTE#<id>`, eventually consistent
 * (a rules edit may take a moment to reach every call, which is fine).
 *
 * Returns
 * - the `route` attribute's text as stored, unparsed: the RulesStore parses and
 *   validates it so it can name the field at fault;
 * - undefined when there is no such item;
 * - for an item whose `route` is not a string: that attribute unwrapped to plain JS
 *   (a map becomes an object, a number a number...), or, when `route` is missing
 *   altogether, the whole item unwrapped (including `pk`). Either way the RulesStore
 *   gets something to reject with a precise message instead of "not found".
 */
export class DynamoRouteSource implements RouteSource {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoRouteSourceOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async fetchRouteDocument(routeId: string, options: StoreCallOptions = {}): Promise<unknown | undefined> {
    const { Item } = await callStore('route read', options.signal, (abortSignal) =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeKey(routeId) }), { abortSignal }),
    );
    if (!Item) return undefined;
    const route = Item.route;
    if (route?.S !== undefined) return route.S;
    return route ? unwrapAttributeValue(route) : unwrapItem(Item);
  }
}
