import { beforeAll, describe, expect, it } from '@jest/globals';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRouteAdmin } from '../../../adapters/dynamodb/dynamoRouteAdmin';
import { callKey, routeKey } from '../../../adapters/dynamodb/pivotTableKeys';
import { createTestTable } from '../../fixtures/dynamoTestTable';

describe('DynamoRouteAdmin', () => {
  let client: DynamoDBClient;
  let tableName: string;
  let admin: DynamoRouteAdmin;

  beforeAll(async () => {
    ({ client, tableName } = await createTestTable('route-admin'));
    admin = new DynamoRouteAdmin({ client, tableName });
  });

  it('puts, reads back, overwrites and deletes a route', async () => {
    // Prepare
    const first = '{"name":"sales","rules":[]}';
    const second = '{"name":"sales","rules":[{"when":"always"}]}';

    // Act
    await admin.putRoute('sales', first);
    const afterPut = await admin.getRoute('sales');
    await admin.putRoute('sales', second);
    const afterOverwrite = await admin.getRoute('sales');
    const deleted = await admin.deleteRoute('sales');
    const deletedAgain = await admin.deleteRoute('sales');
    const afterDelete = await admin.getRoute('sales');

    // Assess
    expect(afterPut).toBe(first);
    expect(afterOverwrite).toBe(second);
    expect(deleted).toBe(true);
    expect(deletedAgain).toBe(false);
    expect(afterDelete).toBeUndefined();
  });

  it('lists route ids only, sorted, skipping call-state items', async () => {
    // Prepare
    await admin.putRoute('zeta', '{}');
    await admin.putRoute('alpha', '{}');
    await admin.putRoute('with#hash', '{}');
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { ...callKey({ routeId: 'alpha', callId: 'call-1' }), routeId: { S: 'alpha' } } }),
    );

    // Act
    const ids = await admin.listRouteIds();

    // Assess
    expect(ids).toEqual(['alpha', 'with#hash', 'zeta']);
  });

  it('refuses to show a route item that holds neither text nor a map', async () => {
    // Prepare
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...routeKey('odd'), route: { N: '1' } } }));

    // Act / Assess
    await expect(admin.getRoute('odd')).rejects.toThrow(/holds neither JSON text nor a map/);
  });
});
