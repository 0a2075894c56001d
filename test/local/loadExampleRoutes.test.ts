import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { loadExampleRoutes } from '../../local/loadExampleRoutes';
import { createTestTable } from '../fixtures/dynamoTestTable';

describe('loadExampleRoutes', () => {
  it('skips a broken example, saying at which line and column, and lists every route the table holds', async () => {
    // Prepare
    const admin = new DynamoRouteAdmin(await createTestTable('load-examples'));
    await admin.putRoute(
      'pushed-earlier',
      JSON.stringify({ id: 'pushed-earlier', timezone: 'UTC', fallback: { module: 'hangup', data: {} } }),
    );
    const dir = await mkdtemp(join(tmpdir(), 'examples-'));
    await writeFile(join(dir, 'good.json'), JSON.stringify({ id: 'good', timezone: 'UTC', fallback: { module: 'hangup', data: {} } }));
    await writeFile(join(dir, 'broken.json'), '{\n  "id": "broken"\n  "timezone": "UTC"\n}\n');

    // Act
    const result = await loadExampleRoutes(admin, dir, { keepExisting: true });

    // Assess
    expect(result.loaded).toEqual(['good']);
    expect(result.skipped).toEqual([
      { file: 'broken.json', reason: "not valid JSON at line 3, column 3: Expected ',' or '}' after property value" },
    ]);
    expect(result.stored.sort()).toEqual(['good', 'pushed-earlier']);
  });
});
