import type { CallflowPolicy } from '../callflow/validateCallflow';
import { RouteValidationError, StoreUnavailableError } from '../errors';
import type { RouteVersions } from './pinnedRouteVersions';
import { parseStoredRoute, VersionedDocument } from './storedRoute';
import type { Route } from './routeSchema';
import type { StoreCallOptions } from '../calls/callStateStore';

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

type Entry = { route: Route | undefined; expiresAt: number; invalid?: boolean };

export type CachedRulesStoreOptions = {
  ttlMs?: number;
  now?: () => number;
  /** A stored route failed validation: log it with the field at fault. */
  onInvalid?: (error: RouteValidationError) => void;
  /** The callflows a route may hold; default: what Kazoo accepts. */
  callflowPolicy?: CallflowPolicy;
  /** Stored versions: a live copy that turned invalid, read by a container that never saw it valid, is stood in for by its pushed version. */
  versions?: RouteVersions;
};

/**
 * Validates what the source returns and keeps it for a short time, so a warm
 * Lambda answers without touching DynamoDB. Misses are cached too (an unknown
 * route costs the same as a known one), and concurrent loads of one route share
 * a single read.
 */
export class CachedRulesStore implements RulesStore {
  private readonly entries = new Map<string, Entry>();
  private readonly lastValid = new Map<string, Route>();
  private readonly inFlight = new Map<string, Promise<Route | undefined>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: RouteSource,
    private readonly options: CachedRulesStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async getRoute(routeId: string, options?: StoreCallOptions): Promise<Route | undefined> {
    const cached = this.entries.get(routeId);
    if (cached && cached.expiresAt > this.now()) return this.served(routeId, cached);
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

  private async load(routeId: string, options?: StoreCallOptions): Promise<Route | undefined> {
    let raw: unknown;
    try {
      raw = await this.source.fetchRouteDocument(routeId, options);
    } catch (error) {
      throw error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError(`reading route "${routeId}" failed`, { cause: error });
    }
    const route = raw === undefined ? undefined : this.validate(routeId, raw);
    const pushed = raw !== undefined && !route && !this.lastValid.has(routeId) ? await this.pushedCopy(routeId, raw, options) : undefined;
    const entry: Entry = { route, expiresAt: this.now() + this.ttlMs, invalid: raw !== undefined && !route };
    this.entries.set(routeId, entry);
    if (this.entries.size > 1_000) this.entries.delete(this.entries.keys().next().value!);
    if (route ?? pushed) this.lastValid.set(routeId, (route ?? pushed)!);
    return this.served(routeId, entry);
  }

  /** The version a now-invalid live copy was pushed as (versioned routes only). */
  private async pushedCopy(routeId: string, raw: unknown, options?: StoreCallOptions): Promise<Route | undefined> {
    if (!(raw instanceof VersionedDocument) || raw.version === undefined || !this.options.versions) return undefined;
    return this.options.versions.getVersion(routeId, raw.version, options);
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
