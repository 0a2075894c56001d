import { OutboundFetchError } from '../errors';
import type { OutboundCache, CacheSource } from '../outbound/outboundCache';
import type { OutboundFetcher } from '../outbound/outboundFetcher';
import type { Lookup, LookupValues } from '../routes/lookupSchema';
import { substitutePlaceholders, type PlaceholderValues } from '../routes/placeholders';
import { authHeaders, type SecretSource } from './secretSource';
import { mapLookupAnswer } from './mapLookupAnswer';

/** One lookup's story, for a log line and metrics: never its query string, headers, body or values. */
export type LookupReport = {
  route: string;
  lookup: string;
  /** `hit`/`fetched`: fresh values; `stale`: the last good copy; `failed`/`short-circuited`: missing. */
  source: CacheSource;
  latencyMs: number;
  /** The URL as the route writes it, without its query: `{{Caller-ID-Number}}` in a path stays a placeholder. */
  target: string;
  /** Why the source failed, when it did (OutboundFetchError reason or `deadline`). */
  reason?: string;
};

export type LookupResolverDeps = {
  fetcher: OutboundFetcher;
  secrets: SecretSource;
  cache: OutboundCache<Record<string, string>>;
  /** Milliseconds, for latencies (performance.now in the runtime). */
  elapsed?: () => number;
  onReport?: (report: LookupReport) => void;
};

/**
 * Runs a route's lookup for one call: fills its request from the call, adds the
 * credential read by name, fetches within min(its own timeout, what is left of the
 * call's budget), maps the answer. Never throws: whatever goes wrong, the lookup is
 * missing (null) or served from its last good copy, and the report says why.
 */
export class LookupResolver {
  constructor(private readonly deps: LookupResolverDeps) {}

  async resolve(
    routeId: string,
    name: string,
    lookup: Lookup,
    values: PlaceholderValues,
    budget: { remainingMs: number; signal?: AbortSignal },
  ): Promise<LookupValues> {
    const elapsed = this.deps.elapsed ?? (() => performance.now());
    const started = elapsed();
    const url = fillUrl(lookup.url, values);
    const body = lookup.body === undefined ? undefined : JSON.stringify(substitutePlaceholders(lookup.body, values));
    const timeoutMs = Math.min(lookup.timeoutMs, Math.floor(budget.remainingMs));
    const report = (source: CacheSource, error?: unknown) =>
      this.deps.onReport?.({
        route: routeId,
        lookup: name,
        source,
        latencyMs: elapsed() - started,
        target: lookup.url.split(/[?#]/)[0]!,
        reason: error === undefined ? undefined : reasonOf(error),
      });
    if (timeoutMs < 10) {
      report('failed', new OutboundFetchError('timeout', 'no time left in the call budget'));
      return null;
    }
    const result = await this.deps.cache.get({
      key: `${routeId}\u0000${name}\u0000${lookup.method}\u0000${url}\u0000${body ?? ''}`,
      breakerKey: `${routeId}\u0000${name}`,
      ttlMs: lookup.cacheSeconds * 1000,
      signal: budget.signal,
      load: async (signal) => {
        const headers = { ...lookup.headers, ...(lookup.auth && (await authHeaders(this.deps.secrets, routeId, lookup.auth, signal))) };
        try {
          const answer = await this.deps.fetcher.fetch(
            { url, method: lookup.method, headers, body, expect: 'json', maxBytes: lookup.maxBytes, timeoutMs },
            { signal },
          );
          return mapLookupAnswer(lookup.map, answer.json);
        } catch (error) {
          // Many APIs answer 404 for "no such customer": an answer (no fields), not an outage that trips the breaker.
          if (error instanceof OutboundFetchError && error.status === 404) return mapLookupAnswer(lookup.map, undefined);
          throw error;
        }
      },
    });
    report(result.source, result.error);
    return result.value ?? null;
  }
}

/** Each placeholder's value URL-encoded: a caller name with `&` or `/` stays one parameter. */
function fillUrl(template: string, values: PlaceholderValues): string {
  return template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole) => encodeURIComponent(substitutePlaceholders(whole, values)));
}

function reasonOf(error: unknown): string {
  if (error instanceof OutboundFetchError) return error.reason;
  if (error instanceof Error && error.name === 'DeadlineExceededError') return 'deadline';
  return error instanceof Error ? error.message : String(error);
}
