import type { HttpOutcome } from './pivotExchange';

/**
 * Which Kazoo the simulator plays when a pivot request times out or cannot
 * connect (PIVOT-PROTOCOL.md, "When things go wrong"): 4.3 takes the pivot node's
 * `_` child at once; master only logs the failure, and the caller hears about
 * 10 s of silence before `_` runs. A quick non-200 fails over at once on both.
 */
export type KazooVersion = '4.3' | 'master';

export const KAZOO_VERSIONS: readonly KazooVersion[] = ['4.3', 'master'];

/** The silence master leaves after a timeout or connection error, before `_`. */
export const MASTER_FAILOVER_SILENCE_MS = 10_000;

export function silenceBeforeFailover(outcome: HttpOutcome, version: KazooVersion): number {
  const transportFailure = outcome.kind === 'timeout' || outcome.kind === 'unreachable';
  return version === 'master' && transportFailure ? MASTER_FAILOVER_SILENCE_MS : 0;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
