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
  /** Stored versions: a live copy that turned invalid, read by a container that never saw it valid, is stood in for by its pushed version. */
  versions?: RouteVersions;
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
    // A map-stored route (or a versioned one) is compared by its JSON too, so an unchanged reload skips the parse.
    const document = typeof raw === 'string' ? raw : raw === undefined ? undefined : JSON.stringify(raw);
    const previous = this.entries.get(routeId);
    const unchanged = document !== undefined && previous?.route && previous.document === document;
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
    const pushed = raw !== undefined && !route && !this.lastValid.has(routeId) ? await this.pushedCopy(routeId, raw, options) : undefined;
    const entry: Entry = { route, expiresAt: this.now() + this.ttlMs, invalid: raw !== undefined && !route, document };
    this.entries.set(routeId, entry);
    if (route ?? pushed) this.lastValid.set(routeId, (route ?? pushed)!);
    const bytes = document?.length ?? 0;
    this.account(routeId, Math.max(MIN_ENTRY_BYTES, bytes, lastValidBytes(this.usage.get(routeId), route ?? pushed)));
    return this.served(routeId, entry);
  }

  /** The version a now-invalid live copy was pushed as (versioned routes only). */
  private async pushedCopy(routeId: string, raw: unknown, options?: StoreCallOptions): Promise<Route | undefined> {
    if (!(raw instanceof VersionedDocument) || raw.version === undefined || !this.options.versions) return undefined;
    return this.options.versions.getVersion(routeId, raw.version, options);
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

  /**
   * A route that went bad (a hand edit) after a valid copy was seen is a mistake, not a
   * deletion: that copy keeps answering in full (rules, steps, fallback) until the
   * stored one is valid again; a container that never saw one gets the version the live
   * copy was pushed as (load). Without either the route reads as absent (404).
   */
  private served(routeId: string, entry: Entry): Route | undefined {
    return entry.invalid ? this.lastValid.get(routeId) : entry.route;
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

/** A miss or a bad copy keeps the last valid one: it still counts what it counted. */
function lastValidBytes(counted: number | undefined, route: Route | undefined): number {
  return route ? 0 : (counted ?? 0);
}

/** Computes the holidays of the years around `now` for each `holidays` condition of the route. */
function warmHolidays(route: Route, now: Date): void {
  for (const { when } of conditionsOf(route)) if (when.holidays) holidayAt(when.holidays, now, route.timezone);
}
