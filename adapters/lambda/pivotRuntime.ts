import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, DynamoCallStateStore, DynamoClosureStore, DynamoRouteSource } from '../dynamodb';
import { CachedClosureStore } from '../../lib/closures/emergencyClosure';
import type { PivotDeps } from '../../lib/pivot/answerPivotRequest';
import { sourceAllowlist, type SourceAllowlist } from '../../lib/http/sourceAllowlist';
import type { HttpRequest } from '../../lib/request/httpRequest';
import { CachedRulesStore } from '../../lib/routes/rulesStore';
import { CachedRouteVersions } from '../../lib/routes/pinnedRouteVersions';
import { runtimeConfigFrom, type RuntimeConfig } from './runtimeConfig';
import { describeError, type Telemetry } from './telemetry';
import { routeKeySourceFor } from './routeKeySource';
import { outsideSourcesFor } from './outsideSources';
import { sharedPatterns } from '../../lib/routes/patternCache';

/**
 * What the log says about a stored route that fails validation, and what callers
 * get meanwhile: the last valid copy this container read, answering in full; a
 * container that has read none gets the version the live copy was pushed as; a
 * route stored before versions, nothing: 404 (Kazoo takes the pivot's `_` branch).
 */
export const INVALID_ROUTE_LOG =
  'stored route is invalid; callers get the last valid copy this container read, in full (else the version last pushed; else 404 route_not_found)';

/** Everything a pivot or cdr invocation needs, built once per container. */
export type PivotRuntime = PivotDeps &
  Telemetry & {
    config: RuntimeConfig;
    /** The client both stores share: tests and the benchmark count its calls. */
    dynamo: DynamoDBClient;
    /** The instant rules are judged at. Deployed: the system clock, nothing else. */
    clock: (request: HttpRequest) => Date;
    /** Only these sources may call pivot and cdr (ALLOWED_SOURCE_CIDRS); undefined: any. */
    sourceAllowlist?: SourceAllowlist;
  };

export function createPivotRuntime(
  env: Record<string, string | undefined>,
  telemetry: Telemetry,
  overrides: Partial<PivotRuntime> = {},
): PivotRuntime {
  const config = runtimeConfigFrom(env);
  const client = createDynamoClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, budgetMs: config.BUDGET_MS });
  const routeSource = new DynamoRouteSource({ client, tableName: config.TABLE_NAME });
  const routeVersions = new CachedRouteVersions(routeSource, { callflowPolicy: overrides.callflowPolicy });
  sharedPatterns.resize(config.PATTERN_CACHE_BYTES);
  const rules = new CachedRulesStore(routeSource, {
    versions: routeVersions,
    ttlMs: config.ROUTE_CACHE_TTL_MS,
    maxBytes: config.ROUTE_CACHE_BYTES,
    // Routes are judged by the same policy as the answers (set only by the local server).
    callflowPolicy: overrides.callflowPolicy,
    onInvalid: (error) =>
      telemetry.logger.error(INVALID_ROUTE_LOG, {
        route: error.routeId,
        issues: error.issues,
      }),
  });
  const callStates = new DynamoCallStateStore({
    client,
    tableName: config.TABLE_NAME,
    ttlHours: config.CALL_STATE_TTL_HOURS,
    onInvalid: ({ routeId, callId }, issues) =>
      telemetry.logger.error('stored call state is invalid; treated as absent', { route: routeId, callId, issues }),
  });
  // Cached as long as routes: `rules close` reaches every warm Lambda within the route cache time.
  const closures = new CachedClosureStore(new DynamoClosureStore({ client, tableName: config.TABLE_NAME }), {
    ttlMs: config.ROUTE_CACHE_TTL_MS,
    onReadFailed: (routeId, error) =>
      telemetry.logger.warn('emergency closure read failed; the last value read stands', { route: routeId, error: describeError(error) }),
  });
  return {
    ...telemetry,
    config,
    dynamo: client,
    rules,
    routeVersions,
    callStates,
    closures,
    routeKeys: routeKeySourceFor(config, {
      onRefreshFailed: (error) =>
        telemetry.logger.warn('route key secret refresh failed; the keys read before keep serving', { error: describeError(error) }),
    }),
    followUpTtlSeconds: config.FOLLOW_UP_TTL_SECONDS,
    budgetMs: config.BUDGET_MS,
    clock: () => new Date(),
    sourceAllowlist: sourceAllowlist(config.ALLOWED_SOURCE_CIDRS),
    outside: outsideSourcesFor(config, telemetry),
    ...overrides,
  };
}

/** Built on first use, not at import: a bad environment answers 503 instead of failing the init phase. */
export function lazyRuntime(build: () => PivotRuntime): () => PivotRuntime {
  let runtime: PivotRuntime | undefined;
  return () => (runtime ??= build());
}
