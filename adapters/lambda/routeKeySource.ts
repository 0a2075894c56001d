import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { budgetClientConfig } from '../dynamodb/createDynamoClient';
import { StoreUnavailableError } from '../../lib/errors';
import { routeKeysSchema, type RouteKeys } from '../../lib/pivot/routeCredentials';
import { PARSE_ONCE } from '../../lib/parseOnce';
import type { RuntimeConfig } from './runtimeConfig';

export type RouteKeySourceOptions = {
  /** Epoch milliseconds; tests move it to age the cached keys. */
  now?: () => number;
  /** A refresh failed while older keys were held: they keep serving, the next request tries again. */
  onRefreshFailed?: (error: unknown) => void;
};

/**
 * The route keys: from PIVOT_ROUTE_KEY(_PREVIOUS) locally, or from the Secrets
 * Manager secret, read once per container and again after ROUTE_KEY_CACHE_TTL_MS
 * so a rotation reaches warm containers. A failed first read is not cached (the
 * container is not poisoned, the next request tries again); a failed refresh keeps
 * the keys already held, so a Secrets Manager outage never fails calls that were
 * being served. The client's timeouts and retries fit the request budget like
 * DynamoDB's: without them a hung read would stay pending and every call answer 503.
 */
export function routeKeySourceFor(config: RuntimeConfig, options: RouteKeySourceOptions = {}): () => Promise<RouteKeys> {
  if (!config.ROUTE_KEY_SECRET_ARN) {
    const keys = localRouteKeys(config);
    return async () => keys;
  }
  const secretId = config.ROUTE_KEY_SECRET_ARN;
  // Loaded on the first read, not at import: the cold start of a container that never reads it (locally) pays nothing.
  let client: Promise<SecretsManagerClient> | undefined;
  const clientOnce = () =>
    (client ??= import('@aws-sdk/client-secrets-manager').then(
      ({ SecretsManagerClient }) => new SecretsManagerClient({ region: config.AWS_REGION, ...budgetClientConfig(config.BUDGET_MS) }),
    ));
  return cachedRouteKeys(async () => readRouteKeySecret(await clientOnce(), secretId), config.ROUTE_KEY_CACHE_TTL_MS, options);
}

function localRouteKeys(config: RuntimeConfig): RouteKeys {
  const parsed = routeKeysSchema.safeParse({ current: config.PIVOT_ROUTE_KEY, previous: config.PIVOT_ROUTE_KEY_PREVIOUS }, PARSE_ONCE);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path[0] === 'previous' ? 'PIVOT_ROUTE_KEY_PREVIOUS' : 'PIVOT_ROUTE_KEY';
    throw new Error(`invalid environment ${name}: ${issue.message}`);
  }
  return parsed.data;
}

function cachedRouteKeys(read: () => Promise<RouteKeys>, ttlMs: number, options: RouteKeySourceOptions): () => Promise<RouteKeys> {
  const now = options.now ?? Date.now;
  let held: { keys: RouteKeys; readAt: number } | undefined;
  let reading: Promise<RouteKeys> | undefined;
  const refresh = () =>
    (reading ??= read()
      .then((keys) => {
        held = { keys, readAt: now() };
        return keys;
      })
      .catch((error: unknown) => {
        if (!held) throw error;
        options.onRefreshFailed?.(error);
        return held.keys;
      })
      .finally(() => {
        reading = undefined;
      }));
  return async () => {
    if (held && now() - held.readAt < ttlMs) return held.keys;
    const pending = refresh();
    // Stale keys answer at once: a slow refresh must not eat a live call's budget.
    return held ? held.keys : pending;
  };
}

/**
 * One read of the key secret, JSON `{"current": "…", "previous": "…"}`. Shared with
 * `npm run rules -- url --secret`. Errors describe the shape, never the value.
 */
export async function readRouteKeySecret(client: SecretsManagerClient, secretId: string): Promise<RouteKeys> {
  let text: string | undefined;
  try {
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (cause) {
    throw new StoreUnavailableError('reading the route key secret failed', { cause });
  }
  return parseRouteKeySecret(text);
}

export function parseRouteKeySecret(text: string | undefined): RouteKeys {
  const shape = 'the route key secret must be JSON {"current": "<key>", "previous": "<key>"} (previous optional)';
  if (!text) throw new StoreUnavailableError(`${shape}; it has no string value`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoreUnavailableError(`${shape}; it is not JSON`);
  }
  const parsed = routeKeysSchema.safeParse(value, PARSE_ONCE);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StoreUnavailableError(`${shape}; ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
