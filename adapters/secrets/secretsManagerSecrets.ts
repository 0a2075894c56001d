import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { OutboundFetchError } from '../../lib/errors';
import type { SecretSource } from '../../lib/lookups/secretSource';

export type SecretsManagerSecretsOptions = {
  /** Secret ids are `<prefix><route id>/<name>`: the function may read only under this prefix (infra grants it). */
  prefix: string;
  ttlMs?: number;
  now?: () => number;
};

/**
 * Lookup credentials from Secrets Manager, by the name a route gives, under that
 * route's own prefix: route A naming "crm-token" reads `<prefix>A/crm-token`, never
 * route B's. Read once per container and again after ttlMs; a failed refresh keeps
 * the value already held. Errors name the secret, never its value.
 */
export function secretsManagerSecrets(client: () => Promise<SecretsManagerClient>, options: SecretsManagerSecretsOptions): SecretSource {
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const held = new Map<string, { value: string; readAt: number }>();
  return {
    async read(routeId, name, { signal } = {}) {
      const secretId = `${options.prefix}${routeId}/${name}`;
      const cached = held.get(secretId);
      if (cached && now() - cached.readAt < ttlMs) return cached.value;
      try {
        // The SDK module is loaded on the first read, like the route key secret's: a cold start without lookups pays nothing.
        const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
        const answer = await (await client()).send(new GetSecretValueCommand({ SecretId: secretId }), { abortSignal: signal });
        if (!answer.SecretString) throw new Error('the secret has no string value');
        held.set(secretId, { value: answer.SecretString, readAt: now() });
        return answer.SecretString;
      } catch (cause) {
        if (cached) return cached.value;
        throw new OutboundFetchError('secret-unavailable', `secret "${name}" of route "${routeId}" could not be read`, {
          cause: cause instanceof Error ? new Error(cause.name) : undefined,
        });
      }
    },
  };
}
