import { beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCallStateStore } from '../../../adapters/dynamodb/dynamoCallStateStore';
import { callKey } from '../../../adapters/dynamodb/pivotTableKeys';
import { StoreUnavailableError } from '../../../lib/errors';
import { emptyCallState, type CallState } from '../../../lib/calls/callState';
import { createTestClient, createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';

const NOW_MS = 1_750_000_000_123;
/** One call of one route: the store keys call states by both. */
const call = (callId: string, routeId = 'main') => ({ routeId, callId });

describe('DynamoCallStateStore: writes', () => {
  let client: DynamoDBClient;
  let tableName: string;
  let store: DynamoCallStateStore;

  beforeAll(async () => {
    ({ client, tableName } = await createTestTable('call-state'));
    store = new DynamoCallStateStore({ client, tableName, ttlHours: 2, now: () => NOW_MS });
  });

  it('creates a new call with expectAbsent in exactly one PutItem, stamped by the store', async () => {
    // Prepare
    const commands = recordCommands(client);

    // Act
    const written = await store.update(
      call('new-call'),
      (current) => ({ ...emptyCallState('new-call', 'main'), step: 'menu', path: current ? ['?'] : ['menu'] }),
      { expectAbsent: true },
    );

    // Assess
    expect(commands).toEqual(['PutItemCommand']);
    expect(written).toEqual({
      callId: 'new-call',
      routeId: 'main',
      step: 'menu',
      attempts: 0,
      digits: {},
      vars: {},
      path: ['menu'],
      version: 1,
      updatedAt: NOW_MS,
      expiresAt: Math.floor(NOW_MS / 1000) + 2 * 3600,
    });
    expect(await store.get(call('new-call'))).toEqual(written);
  });

  it('stores the documented item shape', async () => {
    // Prepare
    await store.update(call('shape'), () => ({
      ...emptyCallState('shape', 'main'),
      digits: { pin: '1234' },
      vars: { lang: 'en' },
      path: ['a', 'b'],
      outcome: 'fallback',
    }));

    // Act
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: callKey(call('shape')) }));

    // Assess
    expect(Item).toEqual({
      pk: { S: 'CALL#main#shape' },
      callId: { S: 'shape' },
      routeId: { S: 'main' },
      attempts: { N: '0' },
      digits: { M: { pin: { S: '1234' } } },
      vars: { M: { lang: { S: 'en' } } },
      path: { L: [{ S: 'a' }, { S: 'b' }] },
      outcome: { S: 'fallback' },
      ended: { BOOL: false },
      version: { N: '1' },
      updatedAt: { N: String(NOW_MS) },
      expiresAt: { N: String(Math.floor(NOW_MS / 1000) + 7200) },
    });
  });

  it('takes an item written before `ended` was always stored through one fresh read: nothing of the call is lost', async () => {
    // Prepare: a live call as an older release stored it, without the attribute.
    await store.update(call('older'), () => ({ ...emptyCallState('older', 'main'), digits: { account: '1' } }));
    await client.send(new UpdateItemCommand({ TableName: tableName, Key: callKey(call('older')), UpdateExpression: 'REMOVE ended' }));

    // Act
    const replaced = await store.replace(call('older'), { ...emptyCallState('older', 'main'), digits: { account: '1', pin: '2' } }, 1);
    const updated = await store.update(call('older'), (current) => ({ ...current!, digits: { ...current!.digits, pin: '2' } }));

    // Assess: the one-write path declines; the read-then-write path keeps both collections.
    expect(replaced).toBeUndefined();
    expect(updated).toMatchObject({ version: 2, digits: { account: '1', pin: '2' } });
    expect(updated).not.toHaveProperty('ended');
  });

  it("keys a call by route then Call-ID, and refuses a route id that could spell another route's key", () => {
    // Act
    const key = callKey({ routeId: 'route-a', callId: 'b#c@10.0.0.1' });
    const forged = () => callKey({ routeId: 'route-a#b', callId: 'c@10.0.0.1' });

    // Assess
    expect(key).toEqual({ pk: { S: 'CALL#route-a#b#c@10.0.0.1' } });
    expect(forged).toThrow(TypeError);
  });

  it('falls back to read-modify-write when expectAbsent meets an existing call', async () => {
    // Prepare
    await store.update(call('existing'), () => ({ ...emptyCallState('existing', 'main'), digits: { first: '1' } }));
    const commands = recordCommands(client);
    const seen: (CallState | undefined)[] = [];

    // Act
    const written = await store.update(
      call('existing'),
      (current) => {
        seen.push(current);
        return { ...(current ?? emptyCallState('existing', 'main')), digits: { ...current?.digits, second: '2' } };
      },
      { expectAbsent: true },
    );

    // Assess
    expect(commands).toEqual(['PutItemCommand', 'GetItemCommand', 'PutItemCommand']);
    expect(seen.map((s) => s?.version)).toEqual([undefined, 1]);
    expect(written.digits).toEqual({ first: '1', second: '2' });
    expect(written.version).toBe(2);
  });

  it('reads, mutates and writes an existing call in one GetItem and one PutItem', async () => {
    // Prepare
    await store.update(call('rmw'), () => ({ ...emptyCallState('rmw', 'main'), attempts: 1 }));
    const commands = recordCommands(client);

    // Act
    const written = await store.update(
      call('rmw'),
      (current) =>
        ({
          ...(current ?? emptyCallState('rmw', 'main')),
          attempts: (current?.attempts ?? 0) + 1,
          // A stale version spread in by mutate must not win over the store's.
          version: 999,
        }) as CallState,
    );

    // Assess
    expect(commands).toEqual(['GetItemCommand', 'PutItemCommand']);
    expect(written).toMatchObject({ attempts: 2, version: 2 });
    expect(await store.get(call('rmw'))).toEqual(written);
  });

  it('keeps every digit when 50 requests update one call at once', async () => {
    // Prepare
    const callId = 'busy-call';
    const writers = Array.from({ length: 50 }, (_, i) => i);

    // Act
    await Promise.all(
      writers.map((i) =>
        store.update(call(callId), (current) => {
          const base = current ?? emptyCallState(callId, 'main');
          return { ...base, digits: { ...base.digits, [`collection${i}`]: String(i) }, path: [...base.path, `w${i}`] };
        }),
      ),
    );
    const final = await store.get(call(callId));

    // Assess
    expect(final?.version).toBe(50);
    expect(Object.keys(final?.digits ?? {})).toHaveLength(50);
    for (const i of writers) expect(final?.digits[`collection${i}`]).toBe(String(i));
    expect(new Set(final?.path)).toEqual(new Set(writers.map((i) => `w${i}`)));
    // Hundreds of calls through one shared in-process dynalite: slow on a loaded machine.
  }, 90_000);

  it('ends an aborted get as StoreUnavailableError without calling DynamoDB', async () => {
    // Prepare
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    const commands = recordCommands(client);

    // Act
    const outcome = store.get(call('rmw'), { signal: controller.signal });

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(commands).toEqual([]);
  });

  it('gives up with StoreUnavailableError when conflicts outlast maxConflictRetries', async () => {
    // Prepare: a client that lets a rival bump the version just before each of its
    // writes, so every conditional put loses.
    await store.update(call('contended'), () => emptyCallState('contended', 'main'));
    const { client: contendedClient } = createTestClient();
    contendedClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand') {
          await client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: callKey(call('contended')),
              UpdateExpression: 'SET version = version + :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'rivalWrite' },
    );
    const impatient = new DynamoCallStateStore({ client: contendedClient, tableName, maxConflictRetries: 2 });
    let mutations = 0;

    // Act
    const outcome = impatient.update(call('contended'), (current) => {
      mutations++;
      return current ?? emptyCallState('contended', 'main');
    });

    // Assess
    await expect(outcome).rejects.toThrow(StoreUnavailableError);
    await expect(outcome).rejects.toThrow(/conflicting after 2 retries/);
    expect(mutations).toBe(3);
  });
});
