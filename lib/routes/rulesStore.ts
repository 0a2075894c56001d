import { createHash } from 'node:crypto';
import type { CallflowPolicy } from '../callflow/validateCallflow';
import { RouteValidationError, StoreUnavailableError } from '../errors';
import { conditionsOf, usesHolidays } from './parseRoute';
import { holidayAt, holidayLibraryLoaded, loadHolidayLibrary } from '../holidays/holidayCondition';
import type { RouteVersions } from './pinnedRouteVersions';
import { parseStoredRoute, VersionedDocument } from './storedRoute';
import type { Route } from './routeSchema';
import type { StoreCallOptions } from '../calls/callStateStore';
import { loadPatternEngineFor } from './safePattern';

/** The one raw read a RulesStore needs: the stored document for a route id, unparsed. */
export interface RouteSource {
  fetchRouteDocument(routeId: string, options?: StoreCallOptions): Promise<unknown | undefined>;
}

export interface RulesStore {
  /**
   * The route, or undefined when absent. Throws StoreUnavailableError when the store fails.
   * A stored copy that is invalid gives the last valid copy seen, else the version it was pushed as, else undefined.
   */
  getRoute(routeId: string, options?: StoreCallOptions): Promise<Route | undefined>;
  /** The last valid copy seen, however old: what a call falls back on when the store is down. */
  lastKnown(routeId: string): Route | undefined;
}

/**
 * One route id's slot, in one map (each map entry costs every cached route again):
 * the copy read last (undefined for a miss or an invalid copy), the last valid copy
 * seen (what a call falls back on), what they count against the budget, and a digest
 * of the JSON text read (the text itself would cost as much again as the route).
 */
type Entry = {
  route: Route | undefined;
  lastValid: Route | undefined;
  /** In ms since the store was made: a small integer V8 keeps unboxed, where an epoch time would be a boxed number. */
  expiresAt: number;
  /** Undefined for a miss; with no `route`, the copy read was invalid. */
  digest: string | undefined;
  bytes: number;
};

/**
 * Heap a parsed route keeps per byte of its JSON, at most: bench/routeMemory.ts
 * measures the example routes, held in this store after serving calls, at under
 * 2 (memory.parsedRouteVsJson), and parseRoute keeps them compact to stay there.
 */
export const ROUTE_HEAP_PER_JSON_BYTE = 2;

/** The entry, its digest and the maps' slots; also what a miss or an unreadable copy counts. */
const MIN_ENTRY_BYTES = 256;

/** What a route costs the budget: the heap its parsed copy keeps, estimated from its JSON text. */
export function routeBudgetBytes(jsonLength: number): number {
  return MIN_ENTRY_BYTES + ROUTE_HEAP_PER_JSON_BYTE * jsonLength;
}

/** 32 MiB of heap: about 12,000 routes of 1.3 KB of JSON in a 256 MB function. */
export const DEFAULT_ROUTE_CACHE_BYTES = 32 * 1024 * 1024;

export type CachedRulesStoreOptions = {
  ttlMs?: number;
  now?: () => number;
  /** A stored route failed validation: log it with the field at fault. */
  onInvalid?: (error: RouteValidationError) => void;
  /** The callflows a route may hold; default: what Kazoo accepts. */
  callflowPolicy?: CallflowPolicy;
  /** Stored versions: a live copy that turned invalid, read by a container that never saw it valid, is stood in for by its pushed version. */
  versions?: RouteVersions;
  /**
   * The byte budget the cached routes and the last-known-good copies share, counted
   * as the heap each route keeps (routeBudgetBytes); the least recently used route
   * goes first (both its copies). Default DEFAULT_ROUTE_CACHE_BYTES.
   */
  maxBytes?: number;
};

/**
 * Validates what the source returns and keeps it for a short time, so a warm
 * Lambda answers without touching DynamoDB. Misses are cached too (an unknown
 * route costs the same as a known one), and concurrent loads of one route share
 * a single read. A reload that finds the same JSON text keeps the route already
 * parsed (its temporal verdicts stay warm). Memory is bounded by one byte
 * budget over the cached copies and the last valid ones, least recently used out
 * first, counted as the heap they keep (routeBudgetBytes).
 */
export class CachedRulesStore implements RulesStore {
  /** In least-recently-used-first order (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Route | undefined>>();
  private usedBytes = 0;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly madeAt: number;

  constructor(
    private readonly source: RouteSource,
    private readonly options: CachedRulesStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_ROUTE_CACHE_BYTES;
    this.now = options.now ?? Date.now;
    this.madeAt = this.now();
  }

  async getRoute(routeId: string, options?: StoreCallOptions): Promise<Route | undefined> {
    const cached = this.entries.get(routeId);
    if (cached && cached.expiresAt > this.now() - this.madeAt) {
      this.entries.delete(routeId);
      this.entries.set(keyOf(routeId, cached), cached);
      return this.served(cached);
    }
    let load = this.inFlight.get(routeId);
    if (!load) {
      load = this.load(routeId, options).finally(() => this.inFlight.delete(routeId));
      this.inFlight.set(routeId, load);
    }
    return load;
  }

  lastKnown(routeId: string): Route | undefined {
    return this.entries.get(routeId)?.lastValid;
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
    // A map-stored route (or a versioned one) is compared by its JSON too, so an unchanged reload skips the parse.
    const document = typeof raw === 'string' ? raw : raw === undefined ? undefined : JSON.stringify(raw);
    const digest = document === undefined ? undefined : digestOf(document);
    const previous = this.entries.get(routeId);
    const unchanged = digest !== undefined && previous?.route && previous.digest === digest;
    // Only a route with patterns pays for loading the pattern engine, once per process.
    if (!unchanged) await loadPatternEngineFor(document);
    let route = raw === undefined ? undefined : unchanged ? previous.route : this.validate(routeId, raw);
    // Only a route that uses holidays pays for the holiday library, once per process; judged again with it.
    if (route && usesHolidays(route)) {
      if (!holidayLibraryLoaded()) {
        await loadHolidayLibrary();
        route = this.validate(routeId, raw);
      }
      // Computed now, with the route read, rather than by the first call that asks.
      if (route) warmHolidays(route, new Date(this.now()));
    }
    const seenValid = this.entries.get(routeId)?.lastValid;
    const pushed = raw !== undefined && !route && !seenValid ? await this.pushedCopy(routeId, raw, options) : undefined;
    // Read again: another load may have evicted the route while this one awaited.
    const current = this.entries.get(routeId);
    const lastValid = route ?? pushed ?? current?.lastValid;
    const bytes = document === undefined ? 0 : routeBudgetBytes(document.length);
    // A miss or a bad copy keeps the last valid one: it still counts what it counted.
    const counted = Math.max(MIN_ENTRY_BYTES, bytes, route || pushed ? 0 : (current?.bytes ?? 0));
    const entry: Entry = {
      route,
      lastValid,
      expiresAt: this.now() - this.madeAt + this.ttlMs,
      digest,
      bytes: counted,
    };
    this.account(routeId, entry);
    return this.served(entry);
  }

  /** The version a now-invalid live copy was pushed as (versioned routes only). */
  private async pushedCopy(routeId: string, raw: unknown, options?: StoreCallOptions): Promise<Route | undefined> {
    if (!(raw instanceof VersionedDocument) || raw.version === undefined || !this.options.versions) return undefined;
    return this.options.versions.getVersion(routeId, raw.version, options);
  }

  /** Stores a route's entry as the most recently used, then evicts the least recently used others until the budget holds. */
  private account(routeId: string, entry: Entry): void {
    this.usedBytes -= this.entries.get(routeId)?.bytes ?? 0;
    this.entries.delete(routeId);
    this.entries.set(keyOf(routeId, entry), entry);
    this.usedBytes += entry.bytes;
    for (const [oldest, { bytes }] of this.entries) {
      if (this.usedBytes <= this.maxBytes || oldest === routeId) break;
      this.entries.delete(oldest);
      this.usedBytes -= bytes;
    }
  }

  /**
   * A route that went bad (a hand edit) after a valid copy was seen is a mistake, not a
   * deletion: that copy keeps answering in full (rules, steps, fallback) until the
   * stored one is valid again; a container that never saw one gets the version the live
   * copy was pushed as (load). Without either the route reads as absent (404).
   */
  private served(entry: Entry): Route | undefined {
    return entry.digest !== undefined && !entry.route ? entry.lastValid : entry.route;
  }

  private validate(routeId: string, raw: unknown): Route | undefined {
    try {
      return parseStoredRoute(raw, routeId, this.options.callflowPolicy, this.options.onInvalid);
    } catch (error) {
      if (!(error instanceof RouteValidationError)) throw error;
      this.options.onInvalid?.(error);
      return undefined;
    }
  }
}

/** The route's own id string when there is one (equal to `routeId`): keyed by the request's copy, the cache would keep that too. */
function keyOf(routeId: string, entry: Entry): string {
  return entry.lastValid?.id ?? routeId;
}

/** Names a JSON text in 16 one-byte characters (128 bits of SHA-256): a reload compares it to tell an unchanged route from an edited one. */
function digestOf(document: string): string {
  return createHash('sha256').update(document).digest().toString('latin1', 0, 16);
}

/** Computes the holidays of the years around `now` for each `holidays` condition of the route. */
function warmHolidays(route: Route, now: Date): void {
  for (const { when } of conditionsOf(route)) if (when.holidays) holidayAt(when.holidays, now, route.timezone);
}
