import { beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCallStateStore } from '../../../adapters/dynamodb/dynamoCallStateStore';
import { callKey } from '../../../adapters/dynamodb/pivotTableKeys';
import { emptyCallState, type CallState } from '../../../lib/calls/callState';
import type { FieldIssue } from '../../../lib/errors';
import { createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';

const HOUR_MS = 3_600_000;

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
      onInvalid: (callId, issues) => invalid.push({ callId, issues }),
    });
  });

  it('reads an expired call as absent and overwrites it cleanly under its version', async () => {
    // Prepare
    await store.update('old-call', () => ({ ...emptyCallState('old-call', 'main'), digits: { stale: '9' }, step: 'menu' }));
    nowMs += 2 * HOUR_MS;
    const seen: (CallState | undefined)[] = [];

    // Act
    const whileExpired = await store.get('old-call');
    const written = await store.update(
      'old-call',
      (current) => {
        seen.push(current);
        return { ...(current ?? emptyCallState('old-call', 'other')), digits: { fresh: '1' } };
      },
      { expectAbsent: true },
    );

    // Assess
    expect(whileExpired).toBeUndefined();
    expect(seen).toEqual([undefined, undefined]);
    expect(written).toEqual({
      callId: 'old-call',
      routeId: 'other',
      attempts: 0,
      digits: { fresh: '1' },
      vars: {},
      path: [],
      version: 2,
      updatedAt: nowMs,
      expiresAt: Math.floor(nowMs / 1000) + 3600,
    });
    expect(await store.get('old-call')).toEqual(written);
  });

  it('ends a call: keeps its outcome, returns the final state, then reads it as absent', async () => {
    // Prepare
    await store.update('ending', () => ({ ...emptyCallState('ending', 'main'), outcome: 'step:pin', path: ['pin'] }));

    // Act
    const final = await store.end('ending');
    const afterEnd = await store.get('ending');
    const seen: (CallState | undefined)[] = [];
    const restarted = await store.update('ending', (current) => {
      seen.push(current);
      return emptyCallState('ending', 'main');
    });

    // Assess
    expect(final).toMatchObject({ callId: 'ending', outcome: 'step:pin', path: ['pin'], ended: true, version: 2 });
    expect(afterEnd).toBeUndefined();
    expect(seen).toEqual([undefined]);
    expect(restarted).toMatchObject({ version: 3 });
    expect(restarted.ended).toBeUndefined();
  });

  it('answers a repeated end with the same final state, reading once and writing nothing', async () => {
    // Prepare
    await store.update('cdr-twice', () => ({ ...emptyCallState('cdr-twice', 'main'), outcome: 'fallback' }));
    const first = await store.end('cdr-twice');
    const commands = recordCommands(client);

    // Act
    const second = await store.end('cdr-twice');

    // Assess
    expect(second).toEqual(first);
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('ends a call that is not there with undefined after one read', async () => {
    // Prepare
    const commands = recordCommands(client);

    // Act
    const final = await store.end('never-seen');

    // Assess
    expect(final).toBeUndefined();
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('reads an unreadable item as absent, reports it, and lets the next update replace it', async () => {
    // Prepare
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...callKey('garbled'), callId: { S: 'garbled' }, attempts: { S: 'three' }, version: { N: '4' } },
      }),
    );

    // Act
    const read = await store.get('garbled');
    const written = await store.update('garbled', (current) => current ?? emptyCallState('garbled', 'main'));

    // Assess
    expect(read).toBeUndefined();
    expect(invalid[0]?.callId).toBe('garbled');
    expect(invalid[0]?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['routeId', 'attempts', 'digits']));
    expect(written.version).toBe(5);
    expect(await store.get('garbled')).toEqual(written);
  });

  it('replaces an unreadable item that has no usable version', async () => {
    // Prepare
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...callKey('versionless'), callId: { S: 'versionless' }, version: { S: 'x' } },
      }),
    );

    // Act
    const written = await store.update('versionless', () => emptyCallState('versionless', 'main'));

    // Assess
    expect(written.version).toBe(1);
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: callKey('versionless') }));
    expect(Item?.version).toEqual({ N: '1' });
  });

  it('refuses to write a state that breaks the schema', async () => {
    // Act
    const outcome = store.update('bad-write', () => ({ ...emptyCallState('bad-write', ''), attempts: -1 }));

    // Assess
    await expect(outcome).rejects.toThrow(/refusing to store an invalid call state/);
    expect(await store.get('bad-write')).toBeUndefined();
  });
});
