import { OutboundFetchError } from '../errors';
import type { LookupAuth } from '../routes/lookupSchema';

/**
 * A lookup's credential by name. The route names a secret; only this source
 * knows where it lives (Secrets Manager, under the route's own prefix, so one
 * route can never name another route's credential). Values never reach logs,
 * errors or the route.
 */
export interface SecretSource {
  /** The secret's text; rejects with OutboundFetchError('secret-unavailable') naming the secret, never its value. */
  read(routeId: string, name: string, options?: { signal?: AbortSignal }): Promise<string>;
}

/** The headers a lookup's auth adds, with the secret read by name. */
export async function authHeaders(
  secrets: SecretSource,
  routeId: string,
  auth: LookupAuth,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  if ('bearer' in auth) return { authorization: `Bearer ${await secrets.read(routeId, auth.bearer, { signal })}` };
  if ('basic' in auth) {
    const text = await secrets.read(routeId, auth.basic, { signal });
    return { authorization: `Basic ${Buffer.from(basicPair(text, auth.basic), 'utf8').toString('base64')}` };
  }
  return { [auth.header.toLowerCase()]: await secrets.read(routeId, auth.secret, { signal }) };
}

/** `user:password`, or JSON `{"username", "password"}`. */
function basicPair(text: string, name: string): string {
  if (text.trimStart().startsWith('{')) {
    try {
      const { username, password } = JSON.parse(text) as { username?: unknown; password?: unknown };
      if (typeof username === 'string' && typeof password === 'string') return `${username}:${password}`;
    } catch {
      // Reported below without the text.
    }
    throw new OutboundFetchError('secret-unavailable', `secret "${name}" must be "user:password" or JSON {"username", "password"}`);
  }
  return text;
}

/** Secrets held in memory (npm start, tests): `{ "<route>/<name>": value }`. */
export function inMemorySecrets(values: Record<string, string>): SecretSource {
  return {
    async read(routeId, name) {
      const key = `${routeId}/${name}`;
      if (!Object.hasOwn(values, key)) throw new OutboundFetchError('secret-unavailable', `no secret "${name}" for route "${routeId}"`);
      return values[key]!;
    },
  };
}
