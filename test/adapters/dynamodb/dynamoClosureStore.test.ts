import { beforeEach, describe, expect, it } from '@jest/globals';
import { DynamoClosureStore, DynamoRouteAdmin } from '../../../adapters/dynamodb';
import { CachedClosureStore, type ClosureStore, type EmergencyClosure } from '../../../lib/closures/emergencyClosure';
import { StoreUnavailableError } from '../../../lib/errors';
import { createTestTable } from '../../fixtures/dynamoTestTable';

let store: DynamoClosureStore;
let routes: DynamoRouteAdmin;

beforeEach(async () => {
  const table = await createTestTable('closures');
  store = new DynamoClosureStore(table);
  routes = new DynamoRouteAdmin(table);
});

describe('DynamoClosureStore: CLOSURE#<route> items beside the route', () => {
  it('keeps a closure apart from the route document, and removes it on reopen', async () => {
    // Prepare
    const routeText = JSON.stringify({ id: 'main-number', timezone: 'UTC', rules: [] });
    await routes.putRoute('main-number', routeText);
    const closure: EmergencyClosure = { closedAt: 1_800_000_000_000, until: 1_800_000_360_000, message: 'Storm.' };

    // Act
    await store.putClosure('main-number', closure);
    const read = await store.getClosure('main-number');
    const listed = await store.listClosures();
    const routeIds = await routes.listRouteIds();
    const removed = await store.deleteClosure('main-number');
    const removedAgain = await store.deleteClosure('main-number');

    // Assess
    expect(read).toEqual(closure);
    expect([...listed]).toEqual([['main-number', closure]]);
    expect(routeIds).toEqual(['main-number']);
    expect(await routes.getRoute('main-number')).toBe(routeText);
    expect([removed, removedAgain]).toEqual([true, false]);
    expect(await store.getClosure('main-number')).toBeUndefined();
  });

  it("keeps one route's closure to that route", async () => {
    // Act
    await store.putClosure('sales', { closedAt: 1 });

    // Assess
    expect(await store.getClosure('sales')).toEqual({ closedAt: 1 });
    expect(await store.getClosure('support')).toBeUndefined();
  });
});

describe('CachedClosureStore', () => {
  it('serves a closure for the route cache time, then reads again; a failed read keeps the last value', async () => {
    // Prepare
    let now = 0;
    let reads = 0;
    let failing = false;
    let stored: EmergencyClosure | undefined = { closedAt: 1 };
    const source: ClosureStore = {
      getClosure: async () => {
        reads++;
        if (failing) throw new StoreUnavailableError('down');
        return stored;
      },
    };
    const failures: string[] = [];
    const cached = new CachedClosureStore(source, { ttlMs: 1_000, now: () => now, onReadFailed: (route) => failures.push(route) });

    // Act
    const first = await cached.getClosure('r');
    stored = undefined;
    const withinTtl = await cached.getClosure('r');
    now = 1_001;
    failing = true;
    const duringOutage = await cached.getClosure('r');
    failing = false;
    const afterOutage = await cached.getClosure('r');

    // Assess
    expect([first, withinTtl, duringOutage, afterOutage]).toEqual([{ closedAt: 1 }, { closedAt: 1 }, { closedAt: 1 }, undefined]);
    expect(reads).toBe(3);
    expect(failures).toEqual(['r']);
  });
});
