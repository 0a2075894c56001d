import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClient, DynamoRouteAdmin } from '../../adapters/dynamodb';
import { startLocalServer } from '../../local/startLocalServer';
import { startupBanner } from '../../local/startupBanner';
import { exampleDocument } from '../fixtures/exampleRoutes';

const dataDir = mkdtempSync(join(tmpdir(), 'pivot-local-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('local server with --persist', () => {
  it('keeps routes across restarts and does not overwrite an edited example', async () => {
    // Prepare: first run stores the examples; edit one the way the rules CLI would
    const first = await startLocalServer({ port: 0, dynamoPort: 0, persist: true, dataDir });
    const client = createDynamoClient({ endpoint: first.dynamoEndpoint, region: 'us-east-1', budgetMs: 5000 });
    const edited = { ...exampleDocument('presence.json'), description: 'edited by hand' };
    const firstAdmin = new DynamoRouteAdmin({ client, tableName: first.tableName });
    await firstAdmin.putRoute('presence', JSON.stringify(edited));
    await firstAdmin.putRoute('my-own-route', JSON.stringify({ ...exampleDocument('presence.json'), id: 'my-own-route' }));
    client.destroy();
    await first.close();

    // Act
    const second = await startLocalServer({ port: 0, dynamoPort: 0, persist: true, dataDir });
    const banner = startupBanner(second);
    const reader = createDynamoClient({ endpoint: second.dynamoEndpoint, region: 'us-east-1', budgetMs: 5000 });
    const stored = await new DynamoRouteAdmin({ client: reader, tableName: second.tableName }).getRoute('presence');
    reader.destroy();
    await second.close();

    // Assess
    expect(first.examples.loaded).toHaveLength(10);
    expect(second.examples.loaded).toEqual([]);
    expect(second.examples.kept).toContain('presence');
    expect(JSON.parse(stored!)).toMatchObject({ description: 'edited by hand' });
    // The banner lists every route in the table, the one pushed by hand included, each with its URL.
    expect(second.examples.stored).toContain('my-own-route');
    expect(banner).toMatch(/my-own-route +http:\/\/\S+\/pivot\/my-own-route\?token=/);
  });
});
