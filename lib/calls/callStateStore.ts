import type { CallState, CallStateData } from './callState';

/**
 * Per-call state behind an interface: the Lambda gets a DynamoDB adapter, tests
 * and the local runtime get the same adapter on dynalite.
 */
export interface CallStateStore {
  /** Strongly consistent read; an expired or ended state reads as absent. */
  get(callId: string, options?: StoreCallOptions): Promise<CallState | undefined>;
  /**
   * Read-modify-write with optimistic concurrency: `mutate` sees the current state
   * (or undefined) and returns the new one; on a version conflict the store reads
   * again and calls `mutate` again, so concurrent writers never lose each other's data.
   * `expectAbsent` lets the first write of a new call skip the read.
   */
  update(
    callId: string,
    mutate: (current: CallState | undefined) => CallStateData,
    options?: StoreCallOptions & { expectAbsent?: boolean },
  ): Promise<CallState>;
  /** Marks the call ended (Kazoo's cdr_url); returns the final state for the summary. */
  end(callId: string, options?: StoreCallOptions): Promise<CallState | undefined>;
}

export type StoreCallOptions = { signal?: AbortSignal };
