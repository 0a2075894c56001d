import { beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCallStateStore } from '../../../adapters/dynamodb/dynamoCallStateStore';
import { callKey } from '../../../adapters/dynamodb/pivotTableKeys';
import { emptyCallState, type CallState } from '../../../lib/calls/callState';
import { CallEndedError, type FieldIssue } from '../../../lib/errors';
import { createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';

const HOUR_MS = 3_600_000;
/** One call of one route: the store keys call states by both. */
const call = (callId: string, routeId = 'main') => ({ routeId, callId });

describe('DynamoCallStateStore: expiry, ending and unreadable items', () => {
  let client: DynamoDBClient;
  let tableName: string;
  let nowMs: number;
  let invalid: { callId: string; issues: readonly FieldIssue[] }[];
  let store: DynamoCallStateStore;

  beforeAll(async () => {
    ({ client, tableName } = await createTestTable('call-lifecycle'));
    nowMs = 1_750_000_000_000;
    invalid = [];
    store = new DynamoCallStateStore({
      client,
      tableName,
      ttlHours: 1,
      now: () => nowMs,
      onInvalid: ({ callId }, issues) => invalid.push({ callId, issues }),
    });
  });

  it('reads an expired call as absent and overwrites it cleanly under its version', async () => {
    // Prepare
    await store.update(call('old-call'), () => ({ ...emptyCallState('old-call', 'main'), digits: { stale: '9' }, step: 'menu' }));
    nowMs += 2 * HOUR_MS;
    const seen: (CallState | undefined)[] = [];

    // Act
    const whileExpired = await store.get(call('old-call'));
    const written = await store.update(
      call('old-call'),
      (current) => {
        seen.push(current);
        return { ...(current ?? emptyCallState('old-call', 'main')), digits: { fresh: '1' } };
      },
      { expectAbsent: true },
    );

    // Assess
    expect(whileExpired).toBeUndefined();
    expect(seen).toEqual([undefined, undefined]);
    expect(written).toEqual({
      callId: 'old-call',
      routeId: 'main',
      attempts: 0,
      digits: { fresh: '1' },
      vars: {},
      path: [],
      version: 2,
      updatedAt: nowMs,
      expiresAt: Math.floor(nowMs / 1000) + 3600,
    });
    expect(await store.get(call('old-call'))).toEqual(written);
  });

  it('ends a call: keeps its outcome, returns the final state, and it reads as ended afterwards', async () => {
    // Prepare
    await store.update(call('ending'), () => ({ ...emptyCallState('ending', 'main'), outcome: 'step:pin', path: ['pin'] }));

    // Act
    const final = await store.end(call('ending'));
    const afterEnd = await store.get(call('ending'));

    // Assess
    expect(final).toMatchObject({ callId: 'ending', outcome: 'step:pin', path: ['pin'], ended: true, version: 2 });
    expect(afterEnd).toEqual(final);
  });

  it('refuses every update of an ended call with CallEndedError, after one read and without a write', async () => {
    // Prepare
    await store.update(call('replayed'), () => ({ ...emptyCallState('replayed', 'main'), step: 'pin', path: ['pin'] }));
    const final = await store.end(call('replayed'));
    const commands = recordCommands(client);
    const seen: (CallState | undefined)[] = [];

    // Act
    const followUp = store.update(call('replayed'), (current) => {
      seen.push(current);
      return emptyCallState('replayed', 'main');
    });
    const freshEntry = store.update(call('replayed'), () => emptyCallState('replayed', 'main'), { expectAbsent: true });

    // Assess
    await expect(followUp).rejects.toBeInstanceOf(CallEndedError);
    await expect(freshEntry).rejects.toBeInstanceOf(CallEndedError);
    expect(seen).toEqual([]);
    // The entry's conditional put fails on the existing item, then its read finds it ended.
    expect(commands.filter((c) => c === 'PutItemCommand')).toHaveLength(1);
    expect(await store.get(call('replayed'))).toEqual(final);
  });

  it('lets an ended call expire like any other: past its TTL the Call-ID starts afresh', async () => {
    // Prepare
    await store.update(call('ended-long-ago'), () => ({ ...emptyCallState('ended-long-ago', 'main'), path: ['menu'] }));
    await store.end(call('ended-long-ago'));
    nowMs += 2 * HOUR_MS;

    // Act
    const whileExpired = await store.get(call('ended-long-ago'));
    const written = await store.update(call('ended-long-ago'), (current) => current ?? emptyCallState('ended-long-ago', 'main'));

    // Assess
    expect(whileExpired).toBeUndefined();
    expect(written).toMatchObject({ path: [], version: 3 });
    expect(written.ended).toBeUndefined();
  });

  it('answers a repeated end with the same final state, reading once and writing nothing', async () => {
    // Prepare
    await store.update(call('cdr-twice'), () => ({ ...emptyCallState('cdr-twice', 'main'), outcome: 'fallback' }));
    const first = await store.end(call('cdr-twice'));
    const commands = recordCommands(client);

    // Act
    const second = await store.end(call('cdr-twice'));

    // Assess
    expect(second).toEqual(first);
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('ends a call that is not there with undefined after one read', async () => {
    // Prepare
    const commands = recordCommands(client);

    // Act
    const final = await store.end(call('never-seen'));

    // Assess
    expect(final).toBeUndefined();
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('reads an unreadable item as absent, reports it, and lets the next update replace it', async () => {
    // Prepare
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...callKey(call('garbled')), callId: { S: 'garbled' }, attempts: { S: 'three' }, version: { N: '4' } },
      }),
    );

    // Act
    const read = await store.get(call('garbled'));
    const written = await store.update(call('garbled'), (current) => current ?? emptyCallState('garbled', 'main'));

    // Assess
    expect(read).toBeUndefined();
    expect(invalid[0]?.callId).toBe('garbled');
    expect(invalid[0]?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['routeId', 'attempts', 'digits']));
    expect(written.version).toBe(5);
    expect(await store.get(call('garbled'))).toEqual(written);
  });

  it('replaces an unreadable item that has no usable version', async () => {
    // Prepare
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...callKey(call('versionless')), callId: { S: 'versionless' }, version: { S: 'x' } },
      }),
    );

    // Act
    const written = await store.update(call('versionless'), () => emptyCallState('versionless', 'main'));

    // Assess
    expect(written.version).toBe(1);
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: callKey(call('versionless')) }));
    expect(Item?.version).toEqual({ N: '1' });
  });

  it('refuses to write a state that breaks the schema', async () => {
    // Act
    const outcome = store.update(call('bad-write'), () => ({ ...emptyCallState('bad-write', ''), attempts: -1 }));

    // Assess
    await expect(outcome).rejects.toThrow(/refusing to store an invalid call state/);
    expect(await store.get(call('bad-write'))).toBeUndefined();
  });
});
