import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { createDynamoClient, deriveClientTimeouts } from '../../../adapters/dynamodb/createDynamoClient';
import { DynamoRouteSource } from '../../../adapters/dynamodb/dynamoRouteSource';
import { StoreUnavailableError } from '../../../lib/errors';

describe('deriveClientTimeouts', () => {
  it.each([100, 800, 2_500, 10_000])('fits every attempt and the retry wait inside a %i ms budget', (budgetMs) => {
    // Act
    const t = deriveClientTimeouts(budgetMs);

    // Assess
    expect(t.connectionTimeoutMs).toBeLessThanOrEqual(budgetMs / 4);
    expect(t.requestTimeoutMs).toBeLessThanOrEqual(budgetMs / 2);
    expect(t.connectionTimeoutMs).toBeLessThan(t.requestTimeoutMs);
    expect(t.maxAttempts).toBeGreaterThanOrEqual(2);
    expect(t.maxAttempts).toBeLessThanOrEqual(3);
    expect(t.maxAttempts * t.requestTimeoutMs + t.maxRetryDelayMs).toBeLessThanOrEqual(budgetMs);
    expect(t.connectionTimeoutMs).toBeGreaterThan(0);
  });

  it('refuses a budget no DynamoDB call could fit in', () => {
    // Act / Assess
    expect(() => deriveClientTimeouts(5)).toThrow(RangeError);
    expect(() => deriveClientTimeouts(Number.NaN)).toThrow(RangeError);
  });
});

describe('createDynamoClient', () => {
  it('fails with StoreUnavailableError well before the budget when nothing listens', async () => {
    // Prepare
    const budgetMs = 3_000;
    const client = createDynamoClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', budgetMs });
    const source = new DynamoRouteSource({ client, tableName: 'any' });
    const started = Date.now();

    // Act
    const outcome = await source.fetchRouteDocument('main').catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(budgetMs);
    client.destroy();
  });

  it('gives up on a server that accepts and never answers, within about the budget', async () => {
    // Prepare: a socket that swallows the request, so only the request timeout can end it.
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const budgetMs = 600;
    const client = createDynamoClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', budgetMs });
    const source = new DynamoRouteSource({ client, tableName: 'any' });
    const started = Date.now();

    // Act
    const outcome = await source.fetchRouteDocument('main').catch((error: unknown) => error);

    // Assess: generous slack for a loaded CI machine; without throwOnRequestTimeout this hangs.
    const elapsed = Date.now() - started;
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect((outcome as StoreUnavailableError).cause).toMatchObject({ name: 'TimeoutError' });
    expect(elapsed).toBeLessThan(budgetMs * 3);
    client.destroy();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
