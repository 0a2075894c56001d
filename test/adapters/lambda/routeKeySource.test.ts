import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routeKeySourceFor } from '../../../adapters/lambda/routeKeySource';
import { runtimeConfigFrom } from '../../../adapters/lambda/runtimeConfig';
import { StoreUnavailableError } from '../../../lib/errors';
import { startFaultyEndpoint, type FaultyEndpoint } from '../../fixtures/faultyDynamo';

/**
 * The route keys as a deployed function reads them: Secrets Manager (here a local
 * stand-in the SDK reaches through AWS_ENDPOINT_URL_SECRETS_MANAGER), read once per
 * container, read again after the cache time so a rotation reaches warm containers.
 */
const OLD_KEY = 'old-route-key-0123456789abcdef';
const NEW_KEY = 'new-route-key-0123456789abcdef';
const TTL_MS = 60_000;

let secrets: FaultyEndpoint;
let savedEndpoint: string | undefined;

beforeAll(async () => {
  secrets = await startFaultyEndpoint({ fault: secretHolding({ current: OLD_KEY }) });
  savedEndpoint = process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];
  process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = secrets.endpoint;
});

afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];
  else process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = savedEndpoint;
  await secrets.close();
});

/** Secrets Manager's GetSecretValue answer for a secret holding this value (JSON unless a string). */
function secretHolding(value: unknown) {
  const SecretString = typeof value === 'string' ? value : JSON.stringify(value);
  return { kind: 'answer', status: 200, body: { ARN: 'arn', Name: 'route-keys', SecretString } } as const;
}

const SECRET_UNREACHABLE = {
  kind: 'answer',
  status: 400,
  body: { __type: 'ResourceNotFoundException', message: 'no such secret' },
} as const;

/** A deployed function's key source with a clock the test moves. */
function deployedSource() {
  let nowMs = 0;
  const refreshFailures: unknown[] = [];
  const config = runtimeConfigFrom({
    TABLE_NAME: 'pivot',
    ROUTE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:route-keys-AbCdEf',
    BUDGET_MS: '1000',
    ROUTE_KEY_CACHE_TTL_MS: String(TTL_MS),
  });
  const keys = routeKeySourceFor(config, { now: () => nowMs, onRefreshFailed: (error) => refreshFailures.push(error) });
  return { keys, refreshFailures, advance: (ms: number) => (nowMs += ms) };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('route keys from Secrets Manager', () => {
  it('reads the secret once, then serves every request from the cache until the cache time passes', async () => {
    // Prepare
    secrets.set(secretHolding({ current: OLD_KEY }));
    const { keys, advance } = deployedSource();
    const before = secrets.stats.requests;

    // Act
    const first = await keys();
    advance(TTL_MS - 1);
    const cached = await Promise.all([keys(), keys(), keys()]);

    // Assess
    expect(first).toEqual({ current: OLD_KEY });
    expect(cached).toEqual([first, first, first]);
    expect(secrets.stats.requests - before).toBe(1);
  });

  it('picks up a rotation after the cache time without making a request wait for it', async () => {
    // Prepare
    secrets.set(secretHolding({ current: OLD_KEY }));
    const { keys, advance } = deployedSource();
    await keys();
    secrets.set(secretHolding({ current: NEW_KEY, previous: OLD_KEY }));
    advance(TTL_MS);

    // Act
    const stale = await keys();
    await until(async () => (await keys()).current === NEW_KEY);

    // Assess
    expect(stale).toEqual({ current: OLD_KEY });
    expect(await keys()).toEqual({ current: NEW_KEY, previous: OLD_KEY });
  });

  it('answers a failed first read with a store error, does not cache it, and reads again on the next request', async () => {
    // Prepare
    secrets.set(SECRET_UNREACHABLE);
    const { keys } = deployedSource();

    // Act
    const failed = await keys().catch((error: unknown) => error);
    secrets.set(secretHolding({ current: NEW_KEY }));
    const recovered = await keys();

    // Assess
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect(recovered).toEqual({ current: NEW_KEY });
  });

  it('keeps serving the keys it holds when a refresh fails, and says so', async () => {
    // Prepare
    secrets.set(secretHolding({ current: OLD_KEY }));
    const { keys, advance, refreshFailures } = deployedSource();
    await keys();
    secrets.set(SECRET_UNREACHABLE);
    advance(TTL_MS);

    // Act
    const during = await keys();
    await until(async () => refreshFailures.length > 0);
    const after = await keys();

    // Assess
    expect([during, after]).toEqual([{ current: OLD_KEY }, { current: OLD_KEY }]);
    expect(refreshFailures[0]).toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    ['a plain string (the old shared token)', 'plainTokenValue0123456789abcdefXYZ'],
    ['JSON without a current key', { previous: OLD_KEY }],
    ['a current key too short to keep tokens unguessable', { current: 'shortKeyValue' }],
  ])('refuses a secret holding %s, naming the expected shape and never the value', async (_label, value) => {
    // Prepare
    secrets.set(secretHolding(value));
    const { keys } = deployedSource();

    // Act
    const error = (await keys().catch((e: unknown) => e)) as Error;

    // Assess
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain('{"current": "<key>", "previous": "<key>"}');
    for (const secret of ['plainTokenValue', 'shortKeyValue', OLD_KEY]) expect(error.message).not.toContain(secret);
  });
});

describe('route keys locally (npm start, tests)', () => {
  const local = (env: Record<string, string>) => routeKeySourceFor(runtimeConfigFrom({ TABLE_NAME: 'pivot', ...env }));

  it('come from PIVOT_ROUTE_KEY, and PIVOT_ROUTE_KEY_PREVIOUS to try a rotation', async () => {
    // Act
    const keys = await local({ PIVOT_ROUTE_KEY: NEW_KEY, PIVOT_ROUTE_KEY_PREVIOUS: OLD_KEY })();

    // Assess
    expect(keys).toEqual({ current: NEW_KEY, previous: OLD_KEY });
  });

  it('refuse a short key at start-up, naming the variable', () => {
    // Act / Assess
    expect(() => local({ PIVOT_ROUTE_KEY: 'short' })).toThrow(
      'invalid environment PIVOT_ROUTE_KEY: a route key must have at least 16 characters',
    );
  });

  it('are required: a function with no key source does not start', () => {
    // Act / Assess
    expect(() => runtimeConfigFrom({ TABLE_NAME: 'pivot' })).toThrow('set ROUTE_KEY_SECRET_ARN (deployed) or PIVOT_ROUTE_KEY (local)');
  });
});
