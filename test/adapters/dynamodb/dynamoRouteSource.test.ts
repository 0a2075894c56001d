import { beforeAll, describe, expect, it } from '@jest/globals';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRouteSource } from '../../../adapters/dynamodb/dynamoRouteSource';
import { DynamoRouteAdmin } from '../../../adapters/dynamodb/dynamoRouteAdmin';
import { VersionedDocument } from '../../../lib/routes/storedRoute';
import { routeKey } from '../../../adapters/dynamodb/pivotTableKeys';
import { StoreUnavailableError } from '../../../lib/errors';
import { createTestTable, recordCommands } from '../../fixtures/dynamoTestTable';

describe('DynamoRouteSource', () => {
  let client: DynamoDBClient;
  let tableName: string;
  let source: DynamoRouteSource;

  beforeAll(async () => {
    ({ client, tableName } = await createTestTable('route-source'));
    source = new DynamoRouteSource({ client, tableName });
  });

  it('returns the stored route text untouched, with one GetItem', async () => {
    // Prepare
    const text = '{ "name": "main",  "rules": [] }';
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...routeKey('main'), route: { S: text } } }));
    const commands = recordCommands(client);

    // Act
    const document = await source.fetchRouteDocument('main');

    // Assess
    expect(document).toBe(text);
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('returns undefined for a route that is not there', async () => {
    // Act
    const document = await source.fetchRouteDocument('nobody-home');

    // Assess
    expect(document).toBeUndefined();
  });

  it('hands over a non-string route attribute unwrapped, for lib to reject', async () => {
    // Prepare
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...routeKey('as-map'), route: { M: { name: { S: 'as-map' }, rules: { L: [{ N: '7' }] } } } },
      }),
    );

    // Act
    const document = await source.fetchRouteDocument('as-map');

    // Assess
    expect(document).toEqual({ name: 'as-map', rules: [7] });
  });

  it('hands over the whole item unwrapped when there is no route attribute', async () => {
    // Prepare
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...routeKey('bare'), updatedAt: { N: '1700000000000' } } }));

    // Act
    const document = await source.fetchRouteDocument('bare');

    // Assess
    expect(document).toEqual({ pk: 'ROUTE#bare', updatedAt: 1700000000000 });
  });

  it('ends an aborted read as StoreUnavailableError without calling DynamoDB', async () => {
    // Prepare
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    const commands = recordCommands(client);

    // Act
    const outcome = source.fetchRouteDocument('main', { signal: controller.signal });

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(commands).toEqual([]);
  });

  it('wraps a DynamoDB error (missing table) in StoreUnavailableError with its cause', async () => {
    // Prepare
    const lost = new DynamoRouteSource({ client, tableName: 'no-such-table' });

    // Act
    const outcome = await lost.fetchRouteDocument('main').catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect((outcome as StoreUnavailableError).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('DynamoRouteSource: versioned routes', () => {
  it('reads the live map, its version and the draft in one GetItem, and a version item on request', async () => {
    // Prepare
    const { client, tableName } = await createTestTable('route-source-versions');
    const admin = new DynamoRouteAdmin({ client, tableName });
    await admin.versions.push('v', { id: 'v', timezone: 'UTC', description: 'one' }, { draft: false, keep: 5, pushedBy: 't' });
    await admin.versions.push('v', { id: 'v', timezone: 'UTC', description: 'two' }, { draft: true, keep: 5, pushedBy: 't' });
    const source = new DynamoRouteSource({ client, tableName });
    const commands = recordCommands(client);

    // Act
    const stored = await source.fetchRouteDocument('v');
    const liveReads = [...commands];
    const second = await source.fetchRouteVersion('v', 2);
    const missing = await source.fetchRouteVersion('v', 9);

    // Assess
    expect(stored).toBeInstanceOf(VersionedDocument);
    expect(stored).toMatchObject({ document: { description: 'one' }, version: 1, draft: { document: { description: 'two' }, version: 2 } });
    expect(liveReads).toEqual(['GetItemCommand']);
    expect(second).toEqual({ id: 'v', timezone: 'UTC', description: 'two' });
    expect(missing).toBeUndefined();
  });
});
