/**
 * The same expectations against the DynamoDB adapters (on dynalite) and the
 * in-memory doubles the use-case tests run on: if the two ever behave
 * differently, this fails, so a use-case test on the double still says
 * something about the deployed store.
 */
import { describe, expect, it } from '@jest/globals';
import { DynamoCallStateStore, DynamoRouteAdmin, DynamoRouteSource } from '../../adapters/dynamodb';
import { emptyCallState, type CallState } from '../../lib/calls/callState';
import type { CallStateStore } from '../../lib/calls/callStateStore';
import { CallEndedError, StoreUnavailableError } from '../../lib/errors';
import { CachedRulesStore, type RouteSource } from '../../lib/routes/rulesStore';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { exampleDocument } from '../fixtures/exampleRoutes';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../fixtures/inMemoryStores';

const HOUR_MS = 3_600_000;
/** One call of one route: the store keys call states by both. */
const call = (callId: string, routeId = 'main') => ({ routeId, callId });
const START_MS = 1_750_000_000_123;

type Clock = { nowMs: number };
type CallStateFactory = (clock: Clock) => Promise<CallStateStore>;

const callStateStores: [string, CallStateFactory][] = [
  ['InMemoryCallStateStore', async (clock) => new InMemoryCallStateStore({ ttlHours: 1, now: () => clock.nowMs })],
  [
    'DynamoCallStateStore',
    async (clock) => {
      const { client, tableName } = await createTestTable('contract');
      return new DynamoCallStateStore({ client, tableName, ttlHours: 1, now: () => clock.nowMs });
    },
  ],
];

describe.each(callStateStores)('CallStateStore contract: %s', (_name, createStore) => {
  async function fresh() {
    const clock = { nowMs: START_MS };
    return { clock, store: await createStore(clock) };
  }

  it('reads an unknown call as absent', async () => {
    // Prepare
    const { store } = await fresh();

    // Act
    const state = await store.get(call('never-seen'));

    // Assess
    expect(state).toBeUndefined();
  });

  it('creates a call stamped by the store: version 1, its clock, its time to live', async () => {
    // Prepare
    const { store } = await fresh();

    // Act
    const written = await store.update(call('new-call'), () => ({ ...emptyCallState('new-call', 'main'), step: 'menu', path: ['menu'] }), {
      expectAbsent: true,
    });

    // Assess
    expect(written).toEqual({
      callId: 'new-call',
      routeId: 'main',
      step: 'menu',
      attempts: 0,
      digits: {},
      vars: {},
      path: ['menu'],
      version: 1,
      updatedAt: START_MS,
      expiresAt: Math.floor(START_MS / 1000) + 3600,
    });
    expect(await store.get(call('new-call'))).toEqual(written);
  });

  it('hands mutate the current state and bumps the version, whatever version mutate returns', async () => {
    // Prepare
    const { store } = await fresh();
    await store.update(call('rmw'), () => ({ ...emptyCallState('rmw', 'main'), attempts: 1 }));

    // Act
    const written = await store.update(
      call('rmw'),
      (current) =>
        ({
          ...(current ?? emptyCallState('rmw', 'main')),
          attempts: (current?.attempts ?? 0) + 1,
          version: 999,
        }) as CallState,
    );

    // Assess
    expect(written).toMatchObject({ attempts: 2, version: 2 });
    expect(await store.get(call('rmw'))).toEqual(written);
  });

  it('falls back to read-modify-write when expectAbsent meets an existing call', async () => {
    // Prepare
    const { store } = await fresh();
    await store.update(call('existing'), () => ({ ...emptyCallState('existing', 'main'), digits: { first: '1' } }));
    const seen: (number | undefined)[] = [];

    // Act
    const written = await store.update(
      call('existing'),
      (current) => {
        seen.push(current?.version);
        return { ...(current ?? emptyCallState('existing', 'main')), digits: { ...current?.digits, second: '2' } };
      },
      { expectAbsent: true },
    );

    // Assess
    expect(seen).toEqual([undefined, 1]);
    expect(written).toMatchObject({ digits: { first: '1', second: '2' }, version: 2 });
  });

  it('keeps every digit when ten requests update one call at once', async () => {
    // Prepare
    const { store } = await fresh();
    const writers = Array.from({ length: 10 }, (_, i) => i);

    // Act
    await Promise.all(
      writers.map((i) =>
        store.update(call('busy'), (current) => {
          const base = current ?? emptyCallState('busy', 'main');
          return { ...base, digits: { ...base.digits, [`c${i}`]: String(i) } };
        }),
      ),
    );

    // Assess
    const final = await store.get(call('busy'));
    expect(final?.version).toBe(10);
    expect(final?.digits).toEqual(Object.fromEntries(writers.map((i) => [`c${i}`, String(i)])));
  });

  it('reads an expired call as absent and replaces it under its version', async () => {
    // Prepare
    const { clock, store } = await fresh();
    await store.update(call('old'), () => ({ ...emptyCallState('old', 'main'), digits: { stale: '9' } }));
    clock.nowMs += 2 * HOUR_MS;
    const seen: (CallState | undefined)[] = [];

    // Act
    const whileExpired = await store.get(call('old'));
    const written = await store.update(
      call('old'),
      (current) => {
        seen.push(current);
        return { ...(current ?? emptyCallState('old', 'main')), digits: { fresh: '1' } };
      },
      { expectAbsent: true },
    );

    // Assess
    expect(whileExpired).toBeUndefined();
    expect(seen).toEqual([undefined, undefined]);
    expect(written).toMatchObject({ routeId: 'main', digits: { fresh: '1' }, version: 2, updatedAt: clock.nowMs });
  });

  it('replaces a live state only at the version expected: another version, an ended, expired or missing call is refused', async () => {
    // Prepare
    const { clock, store } = await fresh();
    const data = (callId: string) => ({ ...emptyCallState(callId, 'main'), digits: { pin: '1' } });
    await store.update(call('live'), () => data('live'));
    await store.update(call('ended'), () => data('ended'));
    await store.end(call('ended'));
    await store.update(call('expiring'), () => data('expiring'), { expectAbsent: true });

    // Act
    const replaced = await store.replace(call('live'), { ...data('live'), digits: { pin: '2' } }, 1);
    const stale = await store.replace(call('live'), { ...data('live'), digits: { pin: '3' } }, 1);
    const ended = await store.replace(call('ended'), data('ended'), 2);
    const missing = await store.replace(call('never-seen'), data('never-seen'), 0);
    const readBack = await store.get(call('live'));
    clock.nowMs += 2 * HOUR_MS;
    const expired = await store.replace(call('expiring'), data('expiring'), 1);

    // Assess
    expect(replaced).toMatchObject({ version: 2, digits: { pin: '2' } });
    expect([stale, ended, missing, expired]).toEqual([undefined, undefined, undefined, undefined]);
    expect(readBack).toEqual(replaced);
    expect(await store.get(call('never-seen'))).toBeUndefined();
  });

  it('keeps one Call-ID on two routes as two calls: neither reads, changes nor ends the other', async () => {
    // Prepare
    const { store } = await fresh();
    const onA = await store.update(call('shared-id', 'route-a'), () => ({
      ...emptyCallState('shared-id', 'route-a'),
      digits: { pin: '1' },
    }));
    const seenOnB: (CallState | undefined)[] = [];

    // Act
    const readOnB = await store.get(call('shared-id', 'route-b'));
    const writtenOnB = await store.update(call('shared-id', 'route-b'), (current) => {
      seenOnB.push(current);
      // Even a mutation that names route A writes under route B's key.
      return { ...emptyCallState('shared-id', 'route-a'), digits: { pin: '2' } };
    });
    const endedOnB = await store.end(call('shared-id', 'route-b'));

    // Assess
    expect(readOnB).toBeUndefined();
    expect(seenOnB).toEqual([undefined]);
    expect(writtenOnB).toMatchObject({ routeId: 'route-b', digits: { pin: '2' }, version: 1 });
    expect(endedOnB).toMatchObject({ routeId: 'route-b', ended: true });
    expect(await store.get(call('shared-id', 'route-a'))).toEqual(onA);
  });

  it('ends a call once: the final state, the same again on a repeat, and it stays ended', async () => {
    // Prepare
    const { store } = await fresh();
    await store.update(call('ending'), () => ({ ...emptyCallState('ending', 'main'), outcome: 'step:pin', path: ['pin'] }));

    // Act
    const final = await store.end(call('ending'));
    const repeated = await store.end(call('ending'));
    const restarted = store.update(call('ending'), (current) => current ?? emptyCallState('ending', 'main'));
    const reentered = store.update(call('ending'), () => emptyCallState('ending', 'main'), { expectAbsent: true });

    // Assess
    expect(final).toMatchObject({ callId: 'ending', outcome: 'step:pin', path: ['pin'], ended: true, version: 2 });
    expect(repeated).toEqual(final);
    await expect(restarted).rejects.toBeInstanceOf(CallEndedError);
    await expect(reentered).rejects.toBeInstanceOf(CallEndedError);
    expect(await store.get(call('ending'))).toEqual(final);
  });

  it('lets an ended call expire by its TTL like any other', async () => {
    // Prepare
    const { clock, store } = await fresh();
    await store.update(call('ended-old'), () => emptyCallState('ended-old', 'main'));
    await store.end(call('ended-old'));
    clock.nowMs += 2 * HOUR_MS;

    // Act
    const whileExpired = await store.get(call('ended-old'));
    const written = await store.update(call('ended-old'), (current) => current ?? emptyCallState('ended-old', 'main'));

    // Assess
    expect(whileExpired).toBeUndefined();
    expect(written).toMatchObject({ version: 3 });
    expect(written.ended).toBeUndefined();
  });

  it('ends a call it never saw, or one that expired, with undefined', async () => {
    // Prepare
    const { clock, store } = await fresh();
    await store.update(call('expiring'), () => emptyCallState('expiring', 'main'));
    clock.nowMs += 2 * HOUR_MS;

    // Act
    const results = [await store.end(call('never-seen')), await store.end(call('expiring'))];

    // Assess
    expect(results).toEqual([undefined, undefined]);
  });

  it('answers an aborted signal with StoreUnavailableError and writes nothing', async () => {
    // Prepare
    const { store } = await fresh();
    const aborted = AbortSignal.abort(new Error('deadline'));
    const controller = new AbortController();

    // Act
    const read = store.get(call('abandoned'), { signal: aborted });
    const update = store.update(
      call('abandoned'),
      () => {
        controller.abort(new Error('deadline'));
        return emptyCallState('abandoned', 'main');
      },
      { signal: controller.signal },
    );

    // Assess
    await expect(read).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(update).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.get(call('abandoned'))).toBeUndefined();
  });

  it('refuses to write a state that breaks the schema', async () => {
    // Prepare
    const { store } = await fresh();

    // Act
    const outcome = store.update(call('bad-write'), () => ({ ...emptyCallState('bad-write', ''), attempts: -1 }));

    // Assess
    await expect(outcome).rejects.toThrow(/refusing to store an invalid call state/);
    expect(await store.get(call('bad-write'))).toBeUndefined();
  });
});

type RouteSourceFactory = (documents: Record<string, string>) => Promise<RouteSource>;

const routeSources: [string, RouteSourceFactory][] = [
  ['InMemoryRouteSource', async (documents) => new InMemoryRouteSource(documents)],
  [
    'DynamoRouteSource',
    async (documents) => {
      const { client, tableName } = await createTestTable('contract-routes');
      const admin = new DynamoRouteAdmin({ client, tableName });
      for (const [routeId, text] of Object.entries(documents)) await admin.putRoute(routeId, text);
      return new DynamoRouteSource({ client, tableName });
    },
  ],
];

describe.each(routeSources)('RouteSource contract: %s', (_name, createSource) => {
  it('gives a RulesStore the stored route, nothing for an unknown id, and an invalid one as invalid', async () => {
    // Prepare
    const mainNumber = exampleDocument('main-number.json') as { id: string };
    const invalid: string[] = [];
    const source = await createSource({
      [mainNumber.id]: JSON.stringify(mainNumber),
      broken: JSON.stringify({ id: 'broken', timezone: 'Nowhere/Land' }),
    });
    const rules = new CachedRulesStore(source, { onInvalid: (error) => invalid.push(error.routeId) });

    // Act
    const routes = [await rules.getRoute(mainNumber.id), await rules.getRoute('no-such-route'), await rules.getRoute('broken')];

    // Assess
    expect(routes[0]).toMatchObject({ id: mainNumber.id, timezone: 'America/New_York' });
    expect(routes.slice(1)).toEqual([undefined, undefined]);
    expect(invalid).toEqual(['broken']);
  });

  it('answers an aborted signal with StoreUnavailableError', async () => {
    // Prepare
    const source = await createSource({});

    // Act
    const read = source.fetchRouteDocument('main-number', { signal: AbortSignal.abort(new Error('deadline')) });

    // Assess
    await expect(read).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
