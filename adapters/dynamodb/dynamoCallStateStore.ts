import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CallEndedError, StoreUnavailableError, type FieldIssue } from '../../lib/errors';
import { type CallKey, type CallState, type CallStateData, stampCallState } from '../../lib/calls/callState';
import type { CallStateStore, StoreCallOptions } from '../../lib/calls/callStateStore';
import { callStateToItem, readCallStateItem, versionReplaced, type StoredCallState, type WriteExpectation } from './callStateItem';
import { waitAfterConflict } from './conflictBackoff';
import { callKey, PARTITION_KEY, TTL_ATTRIBUTE } from './pivotTableKeys';
import { callStore, throwIfAborted } from './storeCall';

export type DynamoCallStateStoreOptions = {
  client: DynamoDBClient;
  tableName: string;
  /** How long an untouched call state lives (DynamoDB TTL). */
  ttlHours?: number;
  /** Epoch milliseconds; injectable so tests can move time. */
  now?: () => number;
  /** Version conflicts tolerated in one update before giving up. */
  maxConflictRetries?: number;
  /** A stored item that fails the schema reads as absent; this hears about it. */
  onInvalid?: (key: CallKey, issues: readonly FieldIssue[]) => void;
};

/** What a read-modify-write round decides: write this data, or stop with this result. */
type Decision = { write: CallStateData } | { done: CallState | undefined };

/**
 * Call state with optimistic concurrency. DynamoDB calls per operation, which the
 * benchmark counts: get = 1 GetItem; update of a new call with expectAbsent = 1
 * PutItem; any other update = 1 GetItem + 1 PutItem, plus one of each per conflict;
 * end = 1 GetItem (+ 1 PutItem when there is a live call to end); replace = 1
 * conditional PutItem, whatever it finds. An update of an ended call costs its
 * read and writes nothing.
 */
export class DynamoCallStateStore implements CallStateStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #ttlSeconds: number;
  readonly #now: () => number;
  readonly #maxConflictRetries: number;
  readonly #onInvalid: DynamoCallStateStoreOptions['onInvalid'];

  constructor(options: DynamoCallStateStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#ttlSeconds = (options.ttlHours ?? 24) * 3600;
    this.#now = options.now ?? Date.now;
    this.#maxConflictRetries = options.maxConflictRetries ?? 60;
    this.#onInvalid = options.onInvalid;
  }

  async get(key: CallKey, options: StoreCallOptions = {}): Promise<CallState | undefined> {
    const stored = await this.#read(key, options.signal);
    return stored.kind === 'valid' && !this.#isExpired(stored.state) ? stored.state : undefined;
  }

  async update(
    key: CallKey,
    mutate: (current: CallState | undefined) => CallStateData,
    options: StoreCallOptions & { expectAbsent?: boolean } = {},
  ): Promise<CallState> {
    const { signal, expectAbsent } = options;
    if (expectAbsent) {
      throwIfAborted('call state update', signal);
      const written = await this.#write(key, mutate(undefined), { kind: 'absent' }, 0, signal);
      if (written) return written;
    }
    const state = await this.#readModifyWrite(key, signal, (stored) => {
      if (stored.kind === 'valid' && stored.state.ended && !this.#isExpired(stored.state)) {
        throw new CallEndedError(key.routeId, key.callId);
      }
      return { write: mutate(this.#liveState(stored)) };
    });
    // Only `end` ever decides `done`.
    return state as CallState;
  }

  async replace(
    key: CallKey,
    data: CallStateData,
    expectedVersion: number,
    options: StoreCallOptions = {},
  ): Promise<CallState | undefined> {
    throwIfAborted('call state update', options.signal);
    return this.#write(key, data, { kind: 'live-version', version: String(expectedVersion) }, expectedVersion, options.signal);
  }

  async end(key: CallKey, options: StoreCallOptions = {}): Promise<CallState | undefined> {
    return this.#readModifyWrite(key, options.signal, (stored) => {
      if (stored.kind !== 'valid' || this.#isExpired(stored.state)) return { done: undefined };
      // A repeated cdr callback gets the same summary, without another write.
      if (stored.state.ended) return { done: stored.state };
      return { write: { ...stored.state, ended: true } };
    });
  }

  async #readModifyWrite(
    key: CallKey,
    signal: AbortSignal | undefined,
    decide: (stored: StoredCallState) => Decision,
  ): Promise<CallState | undefined> {
    for (let conflicts = 0; ; conflicts++) {
      const stored = await this.#read(key, signal);
      const decision = decide(stored);
      if ('done' in decision) return decision.done;
      throwIfAborted('call state update', signal);
      const written = await this.#write(key, decision.write, stored.expect, versionReplaced(stored), signal);
      if (written) return written;
      if (conflicts >= this.#maxConflictRetries) {
        throw new StoreUnavailableError(`call state ${key.callId} still conflicting after ${this.#maxConflictRetries} retries`);
      }
      await waitAfterConflict(conflicts, signal);
    }
  }

  async #read(key: CallKey, signal: AbortSignal | undefined): Promise<StoredCallState> {
    const { Item } = await callStore('call state read', signal, (abortSignal) =>
      this.#client.send(new GetItemCommand({ TableName: this.#tableName, Key: callKey(key), ConsistentRead: true }), { abortSignal }),
    );
    const stored = readCallStateItem(Item);
    if (stored.kind === 'invalid') this.#onInvalid?.(key, stored.issues);
    return stored;
  }

  /** The state a mutation may build on: not unreadable, not past its TTL, not ended. */
  #liveState(stored: StoredCallState): CallState | undefined {
    if (stored.kind !== 'valid' || stored.state.ended || this.#isExpired(stored.state)) return undefined;
    return stored.state;
  }

  #isExpired(state: CallState): boolean {
    return state.expiresAt <= Math.floor(this.#now() / 1000);
  }

  /** One conditional PutItem; undefined when the condition failed (someone else wrote). */
  async #write(
    key: CallKey,
    data: CallStateData,
    expect: WriteExpectation,
    replacedVersion: number,
    signal: AbortSignal | undefined,
  ): Promise<CallState | undefined> {
    const state = this.#stamp(key, data, replacedVersion + 1);
    const input: PutItemCommandInput = {
      TableName: this.#tableName,
      Item: callStateToItem(state),
      ...writeCondition(expect, this.#now()),
    };
    try {
      await callStore('call state write', signal, (abortSignal) => this.#client.send(new PutItemCommand(input), { abortSignal }));
      return state;
    } catch (error) {
      if (error instanceof StoreUnavailableError && error.cause instanceof ConditionalCheckFailedException) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * The store owns version and timestamps whatever `mutate` returned (it may spread
   * the current state, stale numbers included), and the key decides route and Call-ID.
   * A state that breaks the schema is refused here rather than stored unreadable.
   */
  #stamp(key: CallKey, data: CallStateData, version: number): CallState {
    return stampCallState(key, data, version, this.#now(), this.#ttlSeconds);
  }
}

// An expired item is still in the table until DynamoDB's TTL sweep, so it is
// replaced under its version like any other, never treated as missing by the condition.
function writeCondition(
  expect: WriteExpectation,
  nowMs: number,
): Pick<PutItemCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  switch (expect.kind) {
    case 'absent':
      return { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PARTITION_KEY } };
    case 'version':
      return {
        ConditionExpression: 'attribute_not_exists(#pk) OR #version = :expected',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#version': 'version' },
        ExpressionAttributeValues: { ':expected': { N: expect.version } },
      };
    // Only a live state of exactly that version: a missing, ended or expired one is decided on a fresh read.
    // `ended` is always written (callStateItem.ts), so no attribute_not_exists: the plainer condition costs
    // dynalite's parser a tenth less of a follow-up. An item written before that has no `ended`: its
    // follow-up fails this condition once and is decided on a fresh read, as a replay would be.
    case 'live-version':
      return {
        ConditionExpression: '#version = :expected AND #ended = :false AND #expires > :now',
        ExpressionAttributeNames: { '#version': 'version', '#ended': 'ended', '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':expected': { N: expect.version },
          ':false': { BOOL: false },
          ':now': { N: String(Math.floor(nowMs / 1000)) },
        },
      };
    case 'unversioned':
      return {
        ConditionExpression: 'attribute_not_exists(#pk) OR NOT attribute_type(#version, :number)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#version': 'version' },
        ExpressionAttributeValues: { ':number': { S: 'N' } },
      };
  }
}
