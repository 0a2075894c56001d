import type { CallflowPolicy } from '../callflow/validateCallflow';
import { RouteValidationError, StoreUnavailableError } from '../errors';
import { conditionsOf, parseRoute, usesHolidays } from './parseRoute';
import { holidayAt, holidayLibraryLoaded, loadHolidayLibrary } from '../holidays/holidayCondition';
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

type Entry = { route: Route | undefined; expiresAt: number; invalid?: boolean };

export type CachedRulesStoreOptions = {
  ttlMs?: number;
  now?: () => number;
  /** A stored route failed validation: log it with the field at fault. */
  onInvalid?: (error: RouteValidationError) => void;
  /** The callflows a route may hold; default: what Kazoo accepts. */
  callflowPolicy?: CallflowPolicy;
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
    let route = raw === undefined ? undefined : this.validate(routeId, raw);
    // Only a route that uses holidays pays for the holiday library, once per process; judged again with it.
    if (route && usesHolidays(route)) {
      if (!holidayLibraryLoaded()) {
        await loadHolidayLibrary();
        route = this.validate(routeId, raw);
      }
      // Computed now, with the route read, rather than by the first call that asks.
      if (route) warmHolidays(route, new Date(this.now()));
    }
    const entry: Entry = { route, expiresAt: this.now() + this.ttlMs, invalid: raw !== undefined && !route };
    this.entries.set(routeId, entry);
    if (this.entries.size > 1_000) this.entries.delete(this.entries.keys().next().value!);
    if (route) this.lastValid.set(routeId, route);
    return this.served(routeId, entry);
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

function parseJson(routeId: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RouteValidationError(routeId, [{ path: '(document)', message: `not valid JSON: ${(cause as Error).message}` }], { cause });
  }
}

/** Computes the holidays of the years around `now` for each `holidays` condition of the route. */
function warmHolidays(route: Route, now: Date): void {
  for (const { when } of conditionsOf(route)) if (when.holidays) holidayAt(when.holidays, now, route.timezone);
}
