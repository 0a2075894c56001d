import type { StoreCallOptions } from '../calls/callStateStore';
import type { CallflowPolicy } from '../callflow/validateCallflow';
import { RouteValidationError, StoreUnavailableError } from '../errors';
import type { Route } from './routeSchema';
import { parseRouteVersion } from './storedRoute';
import { loadPatternEngineFor } from './safePattern';

/** The raw read of one stored version of a route. */
export interface RouteVersionSource {
  fetchRouteVersion(routeId: string, version: number, options?: StoreCallOptions): Promise<unknown | undefined>;
}

/** A route as it was at one version: what a call that started on it keeps getting. */
export interface RouteVersions {
  /** The version, or undefined when it is no longer stored (pruned, deleted) or invalid. */
  getVersion(routeId: string, version: number, options?: StoreCallOptions): Promise<Route | undefined>;
}

export type CachedRouteVersionsOptions = {
  /** Versions kept in memory; they never change, so only room bounds them. */
  maxEntries?: number;
  /** How long a version found missing stays missing (it never comes back, unless the route is deleted and pushed anew). */
  missTtlMs?: number;
  now?: () => number;
  callflowPolicy?: CallflowPolicy;
};

type Entry = { route: Route | undefined; expiresAt: number };

/**
 * Versions are immutable, so a version read once is kept for as long as there is
 * room: a call whose follow-ups come after a publish pays one GetItem per
 * container for the version it started on, not one per request.
 */
export class CachedRouteVersions implements RouteVersions {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #missTtlMs: number;
  readonly #now: () => number;

  constructor(
    private readonly source: RouteVersionSource,
    private readonly options: CachedRouteVersionsOptions = {},
  ) {
    this.#maxEntries = options.maxEntries ?? 200;
    this.#missTtlMs = options.missTtlMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  async getVersion(routeId: string, version: number, options?: StoreCallOptions): Promise<Route | undefined> {
    const key = `${routeId}#${version}`;
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > this.#now()) return cached.route;
    let raw: unknown;
    try {
      raw = await this.source.fetchRouteVersion(routeId, version, options);
    } catch (error) {
      throw error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError(`reading version ${version} of route "${routeId}" failed`, { cause: error });
    }
    await loadPatternEngineFor(raw);
    const route = raw === undefined ? undefined : this.#parse(raw, routeId, version);
    this.#entries.delete(key);
    this.#entries.set(key, { route, expiresAt: route ? Number.POSITIVE_INFINITY : this.#now() + this.#missTtlMs });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return route;
  }

  #parse(raw: unknown, routeId: string, version: number): Route | undefined {
    try {
      return parseRouteVersion(raw, routeId, version, this.options.callflowPolicy);
    } catch (error) {
      if (error instanceof RouteValidationError) return undefined;
      throw error;
    }
  }
}
