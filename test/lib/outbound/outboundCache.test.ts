import { describe, expect, it } from '@jest/globals';
import { OutboundCache } from '../../../lib/outbound/outboundCache';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const failing = () => Promise.reject(new Error('down'));

describe('OutboundCache', () => {
  it('answers from the cache within the TTL and fetches again after it', async () => {
    // Prepare
    const c = clock();
    const cache = new OutboundCache<string>({ now: c.now });
    let loads = 0;
    const load = async () => `v${++loads}`;

    // Act
    const first = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load });
    c.advance(999);
    const second = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load });
    c.advance(2);
    const third = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load });

    // Assess
    expect([first, second, third]).toEqual([
      { value: 'v1', source: 'fetched' },
      { value: 'v1', source: 'hit' },
      { value: 'v2', source: 'fetched' },
    ]);
  });

  it('serves the last good copy when the source fails after the TTL', async () => {
    // Prepare
    const c = clock();
    const cache = new OutboundCache<string>({ now: c.now });
    await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load: async () => 'good' });
    c.advance(5_000);

    // Act
    const result = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load: failing });

    // Assess
    expect(result).toMatchObject({ value: 'good', source: 'stale', error: expect.any(Error) });
  });

  it('opens the breaker after three failures in a row, and tries once more after the open period', async () => {
    // Prepare
    const c = clock();
    const cache = new OutboundCache<string>({ now: c.now, failuresToOpen: 3, openMs: 30_000 });
    let calls = 0;
    const counted = () => {
      calls++;
      return failing();
    };
    for (let i = 0; i < 3; i++) await cache.get({ key: `k${i}`, breakerKey: 'b', ttlMs: 0, load: counted });

    // Act
    const whileOpen = await cache.get({ key: 'k9', breakerKey: 'b', ttlMs: 0, load: counted });
    const otherSource = await cache.get({ key: 'x', breakerKey: 'other', ttlMs: 0, load: async () => 'fine' });
    c.advance(30_001);
    const trial = await cache.get({ key: 'k9', breakerKey: 'b', ttlMs: 0, load: async () => 'back' });

    // Assess
    expect(whileOpen.source).toBe('short-circuited');
    expect(calls).toBe(3);
    expect(otherSource.source).toBe('fetched');
    expect(trial).toEqual({ value: 'back', source: 'fetched' });
  });

  it("does not count the caller's own deadline against the source", async () => {
    // Prepare
    const cache = new OutboundCache<string>({ now: () => 0, failuresToOpen: 1 });
    const controller = new AbortController();
    controller.abort();

    // Act
    await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 0, signal: controller.signal, load: failing });
    const next = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 0, load: async () => 'ok' });

    // Assess
    expect(next.source).toBe('fetched');
  });

  it('detached: an expired copy answers at once while the refresh runs behind it', async () => {
    // Prepare
    const c = clock();
    const cache = new OutboundCache<string>({ now: c.now });
    await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load: async () => 'old' });
    c.advance(2_000);
    let finish: (v: string) => void = () => undefined;
    const slow = () => new Promise<string>((r) => (finish = r));

    // Act
    const meanwhile = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load: slow, detached: { budgetMs: 5_000, waitMs: 100 } });
    finish('new');
    await new Promise((r) => setImmediate(r));
    const after = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 1_000, load: failing });

    // Assess
    expect(meanwhile).toEqual({ value: 'old', source: 'stale' });
    expect(after).toEqual({ value: 'new', source: 'hit' });
  });

  it('detached: a caller waits at most waitMs for a first copy; the fetch goes on for the next caller', async () => {
    // Prepare
    const cache = new OutboundCache<string>({ now: () => 0 });
    const load = () => new Promise<string>((r) => setTimeout(() => r('feed'), 150));
    const started = performance.now();

    // Act
    const first = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 60_000, load, detached: { budgetMs: 5_000, waitMs: 20 } });
    const waited = performance.now() - started;
    await new Promise((r) => setTimeout(r, 200));
    const second = await cache.get({ key: 'k', breakerKey: 'b', ttlMs: 60_000, load: failing, detached: { budgetMs: 5_000, waitMs: 20 } });

    // Assess
    expect(first.source).toBe('failed');
    expect(waited).toBeLessThan(140);
    expect(second).toEqual({ value: 'feed', source: 'hit' });
  });
});
