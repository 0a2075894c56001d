import { describe, expect, it } from '@jest/globals';
import { CachedRulesStore, routeBudgetBytes } from '../../../lib/routes/rulesStore';
import { InMemoryRouteSource } from '../../fixtures/inMemoryStores';

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

/** A valid route whose JSON is about `bytes` long (the description pads it). */
function routeOf(id: string, bytes: number) {
  const base = { id, timezone: 'UTC', description: '', fallback: VOICEMAIL };
  return { ...base, description: 'x'.repeat(Math.max(0, bytes - JSON.stringify(base).length)) };
}

function storeWith(routes: ReturnType<typeof routeOf>[], options: { maxBytes: number; ttlMs?: number }) {
  const source = new InMemoryRouteSource();
  for (const r of routes) source.put(r.id, r);
  let nowMs = 0;
  const store = new CachedRulesStore(source, { ttlMs: options.ttlMs ?? 60_000, maxBytes: options.maxBytes, now: () => nowMs });
  return { source, store, advance: (ms: number) => (nowMs += ms) };
}

describe('CachedRulesStore: one byte budget for the cache and the last-known copies', () => {
  it('evicts the least recently used route, both copies, and keeps the one just used', async () => {
    // Prepare: three 10 KB routes, room for two
    const budget = 2.5 * routeBudgetBytes(10_000);
    const { source, store } = storeWith([routeOf('a', 10_000), routeOf('b', 10_000), routeOf('c', 10_000)], { maxBytes: budget });
    await store.getRoute('a');
    await store.getRoute('b');
    await store.getRoute('a'); // a is now the most recently used

    // Act
    await store.getRoute('c');

    // Assess: b went (its fallback too); a and c are served without a read
    expect(store.lastKnown('b')).toBeUndefined();
    expect(store.lastKnown('a')?.id).toBe('a');
    expect(store.cachedBytes).toBeLessThanOrEqual(budget);
    const readsBefore = source.reads.length;
    await store.getRoute('a');
    await store.getRoute('c');
    expect(source.reads.length).toBe(readsBefore);
  });

  it('never holds more than its budget, whatever order routes are asked in', async () => {
    // Prepare
    const routes = Array.from({ length: 40 }, (_, i) => routeOf(`r${i}`, 1_000 + ((i * 7919) % 9_000)));
    const { store } = storeWith(routes, { maxBytes: 30_000 });

    // Act / Assess
    for (let i = 0; i < 400; i++) {
      await store.getRoute(`r${(i * 31) % 40}`);
      expect(store.cachedBytes).toBeLessThanOrEqual(30_000);
    }
  });

  it('counts a route as the heap its parsed copy keeps, not as its JSON text', async () => {
    // Prepare
    const { store } = storeWith([routeOf('a', 10_000)], { maxBytes: 1_000_000 });

    // Act
    await store.getRoute('a');

    // Assess: 10 KB of JSON held parsed costs twice that (bench: memory.parsedRouteVsJson)
    expect(store.cachedBytes).toBeGreaterThanOrEqual(20_000);
    expect(store.cachedBytes).toBeLessThan(21_000);
  });

  it('keeps serving a route larger than the whole budget, alone', async () => {
    // Prepare
    const { store } = storeWith([routeOf('small', 1_000), routeOf('huge', 50_000)], { maxBytes: 20_000 });
    await store.getRoute('small');

    // Act
    const huge = await store.getRoute('huge');

    // Assess
    expect(huge?.id).toBe('huge');
    expect(store.lastKnown('small')).toBeUndefined();
    expect(store.lastKnown('huge')).toBe(huge);
  });

  it('keeps the parsed route when a reload finds the same JSON, and parses a changed one', async () => {
    // Prepare
    const { source, store, advance } = storeWith([routeOf('a', 2_000)], { maxBytes: 100_000, ttlMs: 1_000 });
    const first = await store.getRoute('a');

    // Act
    advance(2_000);
    const reloaded = await store.getRoute('a');
    source.put('a', { ...routeOf('a', 2_000), fallback: { module: 'hangup', data: {} } });
    advance(2_000);
    const changed = await store.getRoute('a');

    // Assess
    expect(reloaded).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed?.fallback).toEqual({ module: 'hangup', data: {} });
  });

  it('keeps the last valid copy answering when the stored route turns invalid', async () => {
    // Prepare
    const { source, store, advance } = storeWith([routeOf('a', 2_000)], { maxBytes: 100_000, ttlMs: 1_000 });
    await store.getRoute('a');
    source.put('a', '{"id": "a", "timezone": 42}');
    advance(2_000);

    // Act
    const read = store.getRoute('a');

    // Assess
    expect((await read)?.id).toBe('a');
    expect(store.lastKnown('a')?.id).toBe('a');
  });
});
