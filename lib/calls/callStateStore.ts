import type { CallKey, CallState, CallStateData } from './callState';

/**
 * Per-call state behind an interface: the Lambda gets a DynamoDB adapter, tests
 * and the local runtime get the same adapter on dynalite. Every operation names
 * the call by route and Call-ID: a route never sees another route's calls.
 */
export interface CallStateStore {
  /** Strongly consistent read; an expired or unreadable state reads as absent, an ended one as ended. */
  get(key: CallKey, options?: StoreCallOptions): Promise<CallState | undefined>;
  /**
   * Read-modify-write with optimistic concurrency: `mutate` sees the current state
   * (or undefined) and returns the new one; on a version conflict the store reads
   * again and calls `mutate` again, so concurrent writers never lose each other's data.
   * `expectAbsent` lets the first write of a new call skip the read.
   * An ended call is never written again: throws CallEndedError (until its TTL passes).
   */
  update(
    key: CallKey,
    mutate: (current: CallState | undefined) => CallStateData,
    options?: StoreCallOptions & { expectAbsent?: boolean },
  ): Promise<CallState>;
  /**
   * One conditional write and no read: replaces the state stored at exactly
   * `expectedVersion` with `data` (stamped `expectedVersion + 1`). Undefined when the
   * stored state is another version, ended, past its TTL or missing (a replayed or
   * racing follow-up): the caller decides again on a fresh read with `update`.
   */
  replace(key: CallKey, data: CallStateData, expectedVersion: number, options?: StoreCallOptions): Promise<CallState | undefined>;
  /** Marks the call ended (Kazoo's cdr_url or CHANNEL_DESTROY webhook); returns the final state for the summary. */
  end(key: CallKey, options?: StoreCallOptions): Promise<CallState | undefined>;
}

export type StoreCallOptions = { signal?: AbortSignal };
