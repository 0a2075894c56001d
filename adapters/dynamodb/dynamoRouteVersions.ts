import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { RouteVersionError, StoreUnavailableError } from '../../lib/errors';
import { bool, num, str, type DynamoItem } from './attributeValues';
import { attributeToDocument, documentToAttribute } from './documentAttribute';
import { PARTITION_KEY, routeKey, routeVersionKey } from './pivotTableKeys';
import { callStore } from './storeCall';

/** What the `ROUTE#<id>` item says about versions (the live pointer). */
export type RoutePointer = {
  /** The live document as stored (object for a map, text for the older string form). */
  document: unknown;
  liveVersion?: number;
  latestVersion: number;
  draft?: { document: unknown; version: number };
  /** Versions made live, oldest first; the last is the live one. */
  liveHistory: number[];
  rev?: number;
};

/** One immutable version. */
export type RouteVersion = {
  version: number;
  document: unknown;
  pushedAt: number;
  /** Who pushed, as far as the credentials tell (see cli/rules/pusherIdentity.ts). */
  pushedBy: string;
  message?: string;
  /** Pushed with --draft (it may have been published since). */
  draft: boolean;
};

export type PushOptions = { pushedBy: string; message?: string; draft: boolean; keep: number };
export type PushResult = { version: number; pruned: number[] };

const MAX_HISTORY = 50;
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const PUSH_ATTEMPTS = 5;

/**
 * Numbered, immutable versions of a route and the live pointer, for the rules CLI.
 * The live path reads only the pointer item (`ROUTE#<id>`), which carries the live
 * document and the draft, so a call still costs one GetItem. Writes are optimistic:
 * each pointer write expects the `rev` it read (no transactions: dynalite has none).
 */
export class DynamoRouteVersions {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async readPointer(routeId: string): Promise<RoutePointer | undefined> {
    const { Item } = await callStore('route read', undefined, () =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeKey(routeId), ConsistentRead: true })),
    );
    return Item ? pointerOf(Item) : undefined;
  }

  /**
   * Stores `document` as the next version and makes it live (or the draft). Old
   * versions beyond `keep` are deleted, never the live one or the draft.
   */
  async push(routeId: string, document: Record<string, unknown>, options: PushOptions): Promise<PushResult> {
    // A number another push took (its pointer write still to come) is skipped, never reused.
    let taken = 0;
    for (let attempt = 1; ; attempt++) {
      const pointer = await this.readPointer(routeId);
      if (options.draft && pointer?.document === undefined) {
        throw new RouteVersionError(`route ${routeId} has no live version yet: push it without --draft first`);
      }
      const version = Math.max(pointer?.latestVersion ?? 0, taken) + 1;
      const stored = await this.#putVersion(routeId, { version, document, pushedAt: this.#now(), ...options });
      if (!stored) {
        if (attempt >= PUSH_ATTEMPTS)
          throw new RouteVersionError(`route ${routeId} is being pushed by someone else; run the command again`);
        taken = version;
        continue;
      }
      try {
        await this.#writePointer(
          routeId,
          pointer,
          options.draft ? { draft: { document, version } } : { live: { document, version } },
          version,
        );
      } catch (error) {
        if (error instanceof RouteVersionError && attempt < PUSH_ATTEMPTS) continue;
        throw error;
      }
      return { version, pruned: await this.#prune(routeId, options.keep) };
    }
  }

  /** Makes version `n` live. `rollback` also drops the history after it (so a second rollback goes further back). */
  async makeLive(routeId: string, version: number, how: 'publish' | 'rollback'): Promise<{ previous?: number }> {
    const pointer = await this.readPointer(routeId);
    if (!pointer) throw new RouteVersionError(`no route ${routeId}`);
    const target = await this.getVersion(routeId, version);
    if (!target) throw new RouteVersionError(`route ${routeId} has no version ${version} (see \`history ${routeId}\`)`);
    let history = pointer.liveHistory;
    if (how === 'rollback' && history.includes(version)) history = history.slice(0, history.lastIndexOf(version));
    await this.#writePointer(routeId, { ...pointer, liveHistory: history }, { live: { document: target.document, version } });
    return { previous: pointer.liveVersion };
  }

  async getVersion(routeId: string, version: number): Promise<RouteVersion | undefined> {
    const { Item } = await callStore('route version read', undefined, () =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: routeVersionKey(routeId, version), ConsistentRead: true })),
    );
    return Item ? versionOf(Item) : undefined;
  }

  /** Every stored version, newest first (BatchGetItem over the numbers given so far; the CLI only). */
  async listVersions(routeId: string, latest?: number): Promise<RouteVersion[]> {
    const last = latest ?? (await this.readPointer(routeId))?.latestVersion ?? 0;
    const found: RouteVersion[] = [];
    for (let from = 1; from <= last; from += BATCH_GET_LIMIT) {
      let keys: DynamoItem[] = range(from, Math.min(last, from + BATCH_GET_LIMIT - 1)).map((n) => routeVersionKey(routeId, n));
      while (keys.length > 0) {
        const reply = await callStore('route versions read', undefined, () =>
          this.#client.send(new BatchGetItemCommand({ RequestItems: { [this.#tableName]: { Keys: keys, ConsistentRead: true } } })),
        );
        for (const item of reply.Responses?.[this.#tableName] ?? []) found.push(versionOf(item));
        keys = (reply.UnprocessedKeys?.[this.#tableName]?.Keys as DynamoItem[] | undefined) ?? [];
      }
    }
    return found.sort((a, b) => b.version - a.version);
  }

  /** Deletes every version item of a route (its pointer is deleted by DynamoRouteAdmin). */
  async deleteVersions(routeId: string, versions?: number[]): Promise<void> {
    const numbers = versions ?? (await this.listVersions(routeId)).map((v) => v.version);
    for (let i = 0; i < numbers.length; i += BATCH_WRITE_LIMIT) {
      let requests = numbers.slice(i, i + BATCH_WRITE_LIMIT).map((n) => ({ DeleteRequest: { Key: routeVersionKey(routeId, n) } }));
      while (requests.length > 0) {
        const reply = await callStore('route versions delete', undefined, () =>
          this.#client.send(new BatchWriteItemCommand({ RequestItems: { [this.#tableName]: requests } })),
        );
        requests = (reply.UnprocessedItems?.[this.#tableName] as typeof requests | undefined) ?? [];
      }
    }
  }

  async #putVersion(routeId: string, v: RouteVersion): Promise<boolean> {
    const Item: DynamoItem = {
      ...routeVersionKey(routeId, v.version),
      route: documentToAttribute(v.document),
      version: num(v.version),
      pushedAt: num(v.pushedAt),
      pushedBy: str(v.pushedBy),
      draft: bool(v.draft),
    };
    if (v.message) Item.message = str(v.message);
    try {
      await callStore('route version write', undefined, () =>
        this.#client.send(
          new PutItemCommand({
            TableName: this.#tableName,
            Item,
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PARTITION_KEY },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof StoreUnavailableError && error.cause instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** One pointer write, expecting the `rev` read; `latest` raises latestVersion (a push). */
  async #writePointer(
    routeId: string,
    read: RoutePointer | undefined,
    change: { live?: { document: unknown; version: number }; draft?: { document: unknown; version: number } },
    latest?: number,
  ): Promise<void> {
    const names: Record<string, string> = { '#rev': 'rev', '#updatedAt': 'updatedAt' };
    const values: Record<string, AttributeValue> = { ':rev': num((read?.rev ?? 0) + 1), ':now': num(this.#now()) };
    const sets = ['#rev = :rev', '#updatedAt = :now'];
    const removes: string[] = [];
    const set = (attribute: string, value: AttributeValue) => {
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      sets.push(`#${attribute} = :${attribute}`);
    };
    if (latest !== undefined) set('latestVersion', num(latest));
    if (change.live) {
      set('route', documentToAttribute(change.live.document));
      set('liveVersion', num(change.live.version));
      const history = [...(read?.liveHistory ?? []), change.live.version].slice(-MAX_HISTORY);
      set('liveHistory', { L: history.map(num) });
      // A published draft is no longer a draft; a new live push leaves a pending draft alone.
      if (read?.draft?.version === change.live.version) {
        names['#draft'] = 'draft';
        names['#draftVersion'] = 'draftVersion';
        removes.push('#draft', '#draftVersion');
      }
    }
    if (change.draft) {
      set('draft', documentToAttribute(change.draft.document));
      set('draftVersion', num(change.draft.version));
    }
    const expectation = read?.rev === undefined ? 'attribute_not_exists(#rev)' : '#rev = :expectedRev';
    if (read?.rev !== undefined) values[':expectedRev'] = num(read.rev);
    try {
      await callStore('route write', undefined, () =>
        this.#client.send(
          new UpdateItemCommand({
            TableName: this.#tableName,
            Key: routeKey(routeId),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: expectation,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
    } catch (error) {
      if (error instanceof StoreUnavailableError && error.cause instanceof ConditionalCheckFailedException) {
        throw new RouteVersionError(`route ${routeId} was changed by someone else meanwhile; run the command again`);
      }
      throw error;
    }
  }

  async #prune(routeId: string, keep: number): Promise<number[]> {
    const pointer = await this.readPointer(routeId);
    if (!pointer) return [];
    const pinned = new Set([pointer.liveVersion, pointer.draft?.version]);
    const versions = await this.listVersions(routeId, pointer.latestVersion);
    const doomed = versions
      .slice(keep)
      .map((v) => v.version)
      .filter((n) => !pinned.has(n));
    await this.deleteVersions(routeId, doomed);
    return doomed.sort((a, b) => a - b);
  }
}

function pointerOf(item: DynamoItem): RoutePointer {
  const draftVersion = numberOf(item.draftVersion);
  return {
    document: item.route ? attributeToDocument(item.route) : undefined,
    liveVersion: numberOf(item.liveVersion),
    latestVersion: numberOf(item.latestVersion) ?? 0,
    draft: item.draft && draftVersion !== undefined ? { document: attributeToDocument(item.draft), version: draftVersion } : undefined,
    liveHistory: (item.liveHistory?.L ?? []).map((v) => Number(v.N)).filter(Number.isSafeInteger),
    rev: numberOf(item.rev),
  };
}

function versionOf(item: DynamoItem): RouteVersion {
  return {
    version: numberOf(item.version) ?? 0,
    document: item.route ? attributeToDocument(item.route) : undefined,
    pushedAt: numberOf(item.pushedAt) ?? 0,
    pushedBy: item.pushedBy?.S ?? 'unknown',
    message: item.message?.S,
    draft: item.draft?.BOOL === true,
  };
}

function numberOf(value: AttributeValue | undefined): number | undefined {
  const n = value?.N === undefined ? Number.NaN : Number(value.N);
  return Number.isSafeInteger(n) ? n : undefined;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
