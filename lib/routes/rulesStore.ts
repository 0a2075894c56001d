import type { CallflowPolicy } from '../callflow/validateCallflow';
import { RouteValidationError, StoreUnavailableError } from '../errors';
import { parseRoute } from './parseRoute';
import type { Route } from './routeSchema';
import type { StoreCallOptions } from '../calls/callStateStore';

/** The one raw read a RulesStore needs: the stored document for a route id, unparsed. */
export interface RouteSource {
  fetchRouteDocument(routeId: string, options?: StoreCallOptions): Promise<unknown | undefined>;
}

export interface RulesStore {
  /**
   * The route, or undefined when absent or invalid. Throws StoreUnavailableError when the store fails,
   * and when the stored copy is invalid but a valid one was seen before (the caller falls back on lastKnown).
   */
  getRoute(routeId: string, options?: StoreCallOptions): Promise<Route | undefined>;
  /** The last valid copy seen, however old: what a call falls back on when the store is down. */
  lastKnown(routeId: string): Route | undefined;
}

type Entry = { route: Route | undefined; expiresAt: number; invalid?: boolean; document?: string };

/** What a route's copies count against the budget: its JSON text, or this for a miss or an unreadable copy. */
const MIN_ENTRY_BYTES = 256;

/** 32 MiB of route JSON: thousands of ordinary routes in a 256 MB function, with the parsed copies beside them. */
export const DEFAULT_ROUTE_CACHE_BYTES = 32 * 1024 * 1024;

export type CachedRulesStoreOptions = {
  ttlMs?: number;
  now?: () => number;
  /** A stored route failed validation: log it with the field at fault. */
  onInvalid?: (error: RouteValidationError) => void;
  /** The callflows a route may hold; default: what Kazoo accepts. */
  callflowPolicy?: CallflowPolicy;
  /**
   * The byte budget the cached routes and the last-known-good copies share, counted
   * as each route's JSON text; the least recently used route goes first (both its
   * copies). Default DEFAULT_ROUTE_CACHE_BYTES.
   */
  maxBytes?: number;
};

/**
 * Validates what the source returns and keeps it for a short time, so a warm
 * Lambda answers without touching DynamoDB. Misses are cached too (an unknown
 * route costs the same as a known one), and concurrent loads of one route share
 * a single read. A reload that finds the same JSON text keeps the route already
 * parsed (its compiled patterns and temporal verdicts stay warm). Memory is
 * bounded by one byte budget over both maps, least recently used out first.
 */
export class CachedRulesStore implements RulesStore {
  private readonly entries = new Map<string, Entry>();
  private readonly lastValid = new Map<string, Route>();
  private readonly inFlight = new Map<string, Promise<Route | undefined>>();
  /** Bytes per route id, in least-recently-used-first order (a Map keeps insertion order). */
  private readonly usage = new Map<string, number>();
  private usedBytes = 0;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: RouteSource,
    private readonly options: CachedRulesStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_ROUTE_CACHE_BYTES;
    this.now = options.now ?? Date.now;
  }

  async getRoute(routeId: string, options?: StoreCallOptions): Promise<Route | undefined> {
    const cached = this.entries.get(routeId);
    if (cached && cached.expiresAt > this.now()) {
      this.touch(routeId);
      return this.served(routeId, cached);
    }
    let load = this.inFlight.get(routeId);
    if (!load) {
      load = this.load(routeId, options).finally(() => this.inFlight.delete(routeId));
      this.inFlight.set(routeId, load);
    }
    return load;
  }

  lastKnown(routeId: string): Route | undefined {
    return this.lastValid.get(routeId);
  }

  /** Bytes the cached copies count for now (never above the budget, unless one route alone is). */
  get cachedBytes(): number {
    return this.usedBytes;
  }

  private async load(routeId: string, options?: StoreCallOptions): Promise<Route | undefined> {
    let raw: unknown;
    try {
      raw = await this.source.fetchRouteDocument(routeId, options);
    } catch (error) {
      throw error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError(`reading route "${routeId}" failed`, { cause: error });
    }
    const document = typeof raw === 'string' ? raw : undefined;
    const previous = this.entries.get(routeId);
    const unchanged = document !== undefined && previous?.route && previous.document === document;
    const route = raw === undefined ? undefined : unchanged ? previous.route : this.validate(routeId, raw);
    const entry: Entry = { route, expiresAt: this.now() + this.ttlMs, invalid: raw !== undefined && !route, document };
    this.entries.set(routeId, entry);
    if (route) this.lastValid.set(routeId, route);
    const bytes = document?.length ?? (raw === undefined ? 0 : (JSON.stringify(raw)?.length ?? 0));
    this.account(routeId, Math.max(MIN_ENTRY_BYTES, bytes, lastValidBytes(this.usage.get(routeId), route)));
    return this.served(routeId, entry);
  }

  private touch(routeId: string): void {
    const bytes = this.usage.get(routeId);
    if (bytes === undefined) return;
    this.usage.delete(routeId);
    this.usage.set(routeId, bytes);
  }

  /** Records what a route costs now, then evicts the least recently used others until the budget holds. */
  private account(routeId: string, bytes: number): void {
    this.usedBytes -= this.usage.get(routeId) ?? 0;
    this.usage.delete(routeId);
    this.usage.set(routeId, bytes);
    this.usedBytes += bytes;
    for (const [oldest, size] of this.usage) {
      if (this.usedBytes <= this.maxBytes || oldest === routeId) break;
      this.usage.delete(oldest);
      this.entries.delete(oldest);
      this.lastValid.delete(oldest);
      this.usedBytes -= size;
    }
  }

  /** A route that went bad after a valid copy was seen is an outage, not a deletion: the caller falls back. */
  private served(routeId: string, entry: Entry): Route | undefined {
    if (entry.invalid && this.lastValid.has(routeId)) {
      throw new StoreUnavailableError(`route "${routeId}" is stored invalid; its last valid copy stands in`);
    }
    return entry.route;
  }

  private validate(routeId: string, raw: unknown): Route | undefined {
    try {
      return parseRoute(typeof raw === 'string' ? parseJson(routeId, raw) : raw, routeId, this.options.callflowPolicy);
    } catch (error) {
      if (!(error instanceof RouteValidationError)) throw error;
      this.options.onInvalid?.(error);
      return undefined;
    }
  }
}

/** A miss or a bad copy keeps the last valid one: it still counts what it counted. */
function lastValidBytes(counted: number | undefined, route: Route | undefined): number {
  return route ? 0 : (counted ?? 0);
}

function parseJson(routeId: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RouteValidationError(routeId, [{ path: '(document)', message: `not valid JSON: ${(cause as Error).message}` }], { cause });
  }
}
