import { DeleteItemCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreCallOptions } from '../../lib/calls/callStateStore';
import { emergencyClosureSchema, type ClosureAdmin, type EmergencyClosure } from '../../lib/closures/emergencyClosure';
import { PARSE_ONCE } from '../../lib/parseOnce';
import { num, str, type DynamoItem } from './attributeValues';
import { CLOSURE_KEY_PREFIX, closureKey, PARTITION_KEY } from './pivotTableKeys';
import { scanKeyPrefix } from './scanKeyPrefix';
import { callStore } from './storeCall';

export type DynamoClosureStoreOptions = { client: DynamoDBClient; tableName: string };

/**
 * Emergency closures on `CLOSURE#<routeId>` items (see pivotTableKeys.ts). The
 * live path only calls getClosure (one GetItem); the rest is the rules CLI's.
 */
export class DynamoClosureStore implements ClosureAdmin {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoClosureStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async getClosure(routeId: string, options: StoreCallOptions = {}): Promise<EmergencyClosure | undefined> {
    const { Item } = await callStore('closure read', options.signal, (abortSignal) =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: closureKey(routeId) }), { abortSignal }),
    );
    return Item ? closureOf(Item) : undefined;
  }

  async putClosure(routeId: string, closure: EmergencyClosure): Promise<void> {
    const Item: DynamoItem = { ...closureKey(routeId), closedAt: num(closure.closedAt) };
    if (closure.until !== undefined) Item.until = num(closure.until);
    if (closure.message !== undefined) Item.message = str(closure.message);
    await callStore('closure write', undefined, () => this.#client.send(new PutItemCommand({ TableName: this.#tableName, Item })));
  }

  async deleteClosure(routeId: string): Promise<boolean> {
    const { Attributes } = await callStore('closure delete', undefined, () =>
      this.#client.send(new DeleteItemCommand({ TableName: this.#tableName, Key: closureKey(routeId), ReturnValues: 'ALL_OLD' })),
    );
    return Attributes !== undefined;
  }

  /** Every closure by route id: a Scan, for the operator's `list` only. */
  async listClosures(): Promise<Map<string, EmergencyClosure>> {
    const closures = new Map<string, EmergencyClosure>();
    const items = scanKeyPrefix({ client: this.#client, tableName: this.#tableName, what: 'closure list', prefix: CLOSURE_KEY_PREFIX });
    for await (const item of items) {
      const closure = closureOf(item);
      const key = item[PARTITION_KEY]?.S;
      if (closure && key?.startsWith(CLOSURE_KEY_PREFIX)) closures.set(key.slice(CLOSURE_KEY_PREFIX.length), closure);
    }
    return closures;
  }
}

/** A hand-edited item that makes no sense reads as a closure from now on, never as "open": closing was meant. */
function closureOf(item: DynamoItem): EmergencyClosure | undefined {
  const parsed = emergencyClosureSchema.safeParse(
    {
      closedAt: item.closedAt?.N !== undefined ? Number(item.closedAt.N) : undefined,
      until: item.until?.N !== undefined ? Number(item.until.N) : undefined,
      message: item.message?.S,
    },
    PARSE_ONCE,
  );
  return parsed.success ? parsed.data : { closedAt: 0 };
}
