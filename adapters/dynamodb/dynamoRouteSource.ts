import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreCallOptions } from '../../lib/calls/callStateStore';
import type { RouteSource } from '../../lib/routes/rulesStore';
import { VersionedDocument } from '../../lib/routes/storedRoute';
import type { RouteVersionSource } from '../../lib/routes/pinnedRouteVersions';
import { unwrapItem } from './attributeValues';
import { attributeToDocument } from './documentAttribute';
import { routeKey, routeVersionKey } from './pivotTableKeys';
import { callStore } from './storeCall';

export type DynamoRouteSourceOptions = { client: DynamoDBClient; tableName: string };

/**
 * The live-call read of a route: one GetItem on `ROUTE#<id>`, eventually consistent
 * (a rules edit may take a moment to reach every call, which is fine).
 *
 * Returns
 * - for a versioned item (`liveVersion` or `draft` set): a VersionedDocument with the
 *   live document, its number and the draft;
 * - else the `route` attribute as stored: JSON text (the older form) or a map
 *   unwrapped to plain JS, unvalidated: the RulesStore validates it so it can name
 *   the field at fault;
 * - undefined when there is no such item;
 * - when `route` is missing altogether, the whole item unwrapped (including `pk`),
 *   so the RulesStore rejects it with a precise message instead of "not found".
 */
export class DynamoRouteSource implements RouteSource, RouteVersionSource {
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
    const document = Item.route ? attributeToDocument(Item.route) : unwrapItem(Item);
    const liveVersion = Item.liveVersion?.N === undefined ? undefined : Number(Item.liveVersion.N);
    const draftVersion = Item.draftVersion?.N === undefined ? undefined : Number(Item.draftVersion.N);
    if (liveVersion === undefined && draftVersion === undefined) return document;
    const draft =
      Item.draft && draftVersion !== undefined ? { document: attributeToDocument(Item.draft), version: draftVersion } : undefined;
    return new VersionedDocument(document, liveVersion, draft);
  }

  /** One immutable version (`ROUTE#<id>#V#<n>`): read only for a call pinned to a version no longer live. */
  async fetchRouteVersion(routeId: string, version: number, options: StoreCallOptions = {}): Promise<unknown | undefined> {
    const { Item } = await callStore('route version read', options.signal, (abortSignal) =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeVersionKey(routeId, version) }), { abortSignal }),
    );
    return Item?.route ? attributeToDocument(Item.route) : undefined;
  }
}
