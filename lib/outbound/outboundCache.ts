import { OutboundFetchError } from '../errors';

/**
 * What outside data a warm container keeps: answers per key for a TTL, the last
 * good answer kept past it (served when the source fails), and a circuit breaker
 * per source, so a lookup that keeps failing stops costing every call its budget.
 * The clock is injected; nothing here knows HTTP.
 */
export type CacheSource = 'hit' | 'fetched' | 'stale' | 'failed' | 'short-circuited';

export type CacheResult<T> = {
  /** undefined when nothing usable is known (source `failed` or `short-circuited`). */
  value: T | undefined;
  source: CacheSource;
  /** Why the source failed this time, when it did (the value may still be a stale copy). */
  error?: unknown;
};

export type CacheLoad<T> = {
  /** The answers this key names (one per distinct request). */
  key: string;
  /** The source the breaker counts failures for (a route's lookup, a feed URL). */
  breakerKey: string;
  ttlMs: number;
  /** Fetches a fresh value; the signal aborts it at its budget. */
  load: (signal: AbortSignal) => Promise<T>;
  /** The caller's own deadline (the call's budget). */
  signal?: AbortSignal;
  /**
   * Detached: the load runs under its own `budgetMs` whatever the caller does, and
   * the caller waits at most `waitMs` for it; an expired copy answers at once while
   * a refresh runs behind it (calendar feeds). Attached (default): the load is the
   * caller's and is abandoned with it (lookups).
   */
  detached?: { budgetMs: number; waitMs: number };
};

export type OutboundCacheOptions = {
  now: () => number;
  /** Consecutive failures that open a source's breaker. */
  failuresToOpen?: number;
  /** How long an open breaker refuses to call the source before one trial call. */
  openMs?: number;
  /** How long a last good copy may stand in once expired. */
  maxStaleMs?: number;
  maxEntries?: number;
};

type Entry<T> = { value: T; fetchedAt: number; expiresAt: number };
type Breaker = { failures: number; openUntil: number };

export class OutboundCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #breakers = new Map<string, Breaker>();
  readonly #inFlight = new Map<string, Promise<T>>();
  readonly #now: () => number;
  readonly #failuresToOpen: number;
  readonly #openMs: number;
  readonly #maxStaleMs: number;
  readonly #maxEntries: number;

  constructor(options: OutboundCacheOptions) {
    this.#now = options.now;
    this.#failuresToOpen = options.failuresToOpen ?? 3;
    this.#openMs = options.openMs ?? 30_000;
    this.#maxStaleMs = options.maxStaleMs ?? 24 * 3600_000;
    this.#maxEntries = options.maxEntries ?? 1_000;
  }

  async get(request: CacheLoad<T>): Promise<CacheResult<T>> {
    const now = this.#now();
    const entry = this.#entries.get(request.key);
    if (entry && entry.expiresAt > now) return { value: entry.value, source: 'hit' };
    const stale = entry && now - entry.expiresAt <= this.#maxStaleMs ? entry.value : undefined;
    const breaker = this.#breakers.get(request.breakerKey);
    if (breaker && breaker.openUntil > now) {
      const error = new OutboundFetchError('circuit-open', 'the source failed repeatedly; not called until its breaker closes');
      return stale !== undefined ? { value: stale, source: 'stale', error } : { value: undefined, source: 'short-circuited', error };
    }
    // The trial call after an open period: one failure opens the breaker again.
    if (breaker && breaker.openUntil > 0) breaker.openUntil = now + this.#openMs;
    const pending = this.#start(request);
    if (request.detached && stale !== undefined) {
      pending.catch(() => undefined);
      return { value: stale, source: 'stale' };
    }
    try {
      const value = await (request.detached ? waitAtMost(pending, request.detached.waitMs, request.signal) : pending);
      return { value, source: 'fetched' };
    } catch (error) {
      if (stale !== undefined) return { value: stale, source: 'stale', error };
      return { value: undefined, source: 'failed', error };
    }
  }

  /** Starts (or joins) the load of a key and records its outcome. */
  #start(request: CacheLoad<T>): Promise<T> {
    const running = this.#inFlight.get(request.key);
    if (running) return running;
    const signal = request.detached ? AbortSignal.timeout(request.detached.budgetMs) : (request.signal ?? new AbortController().signal);
    const load = request
      .load(signal)
      .then((value) => {
        this.#store(request.key, value, request.ttlMs);
        this.#breakers.delete(request.breakerKey);
        return value;
      })
      .catch((error: unknown) => {
        // The caller's own deadline is not the source's fault.
        if (!(request.signal?.aborted && !request.detached)) this.#failed(request.breakerKey);
        throw error;
      })
      .finally(() => this.#inFlight.delete(request.key));
    this.#inFlight.set(request.key, load);
    return load;
  }

  #store(key: string, value: T, ttlMs: number): void {
    const now = this.#now();
    this.#entries.delete(key);
    this.#entries.set(key, { value, fetchedAt: now, expiresAt: now + ttlMs });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  #failed(breakerKey: string): void {
    const breaker = this.#breakers.get(breakerKey) ?? { failures: 0, openUntil: 0 };
    breaker.failures += 1;
    if (breaker.failures >= this.#failuresToOpen) breaker.openUntil = this.#now() + this.#openMs;
    this.#breakers.set(breakerKey, breaker);
  }
}

/** The load's value if it comes within `ms` (and before the caller's signal); the load itself goes on. */
function waitAtMost<T>(load: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Error(`not fetched within ${ms} ms; the fetch goes on in the background`));
    const timer = setTimeout(stop, Math.max(0, ms));
    signal?.addEventListener('abort', stop, { once: true });
    load.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    });
  });
}
