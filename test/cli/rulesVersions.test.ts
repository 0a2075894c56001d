import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { routeKey } from '../../adapters/dynamodb/pivotTableKeys';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { exampleDocument } from '../fixtures/exampleRoutes';

let tableName: string;
let client: DynamoDBClient;
let admin: DynamoRouteAdmin;
let dir: string;

beforeEach(async () => {
  ({ client, tableName } = await createTestTable('rules-versions'));
  admin = new DynamoRouteAdmin({ client, tableName });
  dir = await mkdtemp(join(tmpdir(), 'rules-versions-'));
});

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const env = { USER: 'alice' };
  const code = await runRulesCli([...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName], io, { env });
  return { code, stdout, stderr };
}

/** The presence example with its description changed: a distinct version per text. */
async function presenceFile(description: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = join(dir, `presence-${description.replace(/\W/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ ...exampleDocument('presence.json'), description, ...extra }));
  return file;
}

async function liveDescription(): Promise<string> {
  return (JSON.parse((await admin.getRoute('presence'))!) as { description: string }).description;
}

describe('npm run rules -- push / history', () => {
  it('numbers every push, records who and why, and marks the live version', async () => {
    // Prepare
    await rules('push', await presenceFile('first'));
    await rules('push', await presenceFile('second'), '--message', 'evening hours');

    // Act
    const result = await rules('history', 'presence');

    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^v2 +live +\d{4}-\d\d-\d\d \d\d:\d\d +alice \(local DynamoDB\) +"evening hours"$/);
    expect(lines[2]).toMatch(/^v1 +\d{4}-/);
    expect(lines[2]).toContain('alice (local DynamoDB)');
    expect(await liveDescription()).toBe('second');
  });

  it('pushing the same document again makes no new version', async () => {
    // Prepare
    const file = await presenceFile('same');
    await rules('push', file);

    // Act
    const again = await rules('push', file);

    // Assess
    expect(again.stdout).toMatch(/^unchanged presence/);
    expect((await admin.versions.listVersions('presence')).map((v) => v.version)).toEqual([1]);
  });

  it('stores the live route as a native map the DynamoDB console shows as a tree', async () => {
    // Act
    await rules('push', await presenceFile('as a map'));

    // Assess
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: routeKey('presence') }));
    expect(Item?.route?.M?.description).toEqual({ S: 'as a map' });
    expect(Item?.route?.M?.rules?.L?.length).toBeGreaterThan(0);
    expect(Item?.liveVersion).toEqual({ N: '1' });
  });

  it('keeps only --keep versions, never the live one', async () => {
    // Prepare
    for (const text of ['a', 'b', 'c']) await rules('push', await presenceFile(text), '--keep', '2');

    // Act
    const fourth = await rules('push', await presenceFile('d'), '--keep', '2');

    // Assess
    expect(fourth.stdout).toContain('v4, pruned v2');
    expect((await admin.versions.listVersions('presence')).map((v) => v.version)).toEqual([4, 3]);
  });

  it('keeps a route stored before versions as v1, so rollback can return to it', async () => {
    // Prepare: the older JSON-text form, as an earlier push (or a hand edit) left it
    await admin.putRoute('presence', JSON.stringify({ ...exampleDocument('presence.json'), description: 'before versions' }));

    // Act
    const push = await rules('push', await presenceFile('after'));
    const rollback = await rules('rollback', 'presence');

    // Assess
    expect(push.stdout).toContain('v2');
    expect(rollback.stdout).toContain('v1 is live again (was v2)');
    expect(await liveDescription()).toBe('before versions');
  });
});

describe('npm run rules -- rollback / publish / push --draft', () => {
  it('rolls back one live version at a time, then says there is nothing earlier', async () => {
    // Prepare
    for (const text of ['one', 'two', 'three']) await rules('push', await presenceFile(text));

    // Act
    const first = await rules('rollback', 'presence');
    const afterFirst = await liveDescription();
    const second = await rules('rollback', 'presence');
    const afterSecond = await liveDescription();
    const third = await rules('rollback', 'presence');

    // Assess
    expect(first.stdout).toContain('v2 is live again (was v3)');
    expect(afterFirst).toBe('two');
    expect(second.stdout).toContain('v1 is live again (was v2)');
    expect(afterSecond).toBe('one');
    expect(third.code).toBe(1);
    expect(third.stderr).toContain('no earlier live version');
  });

  it('rollback --to N returns to that version; a version never stored is refused by name', async () => {
    // Prepare
    for (const text of ['one', 'two', 'three']) await rules('push', await presenceFile(text));

    // Act
    const toOne = await rules('rollback', 'presence', '--to', '1');
    const toNine = await rules('rollback', 'presence', '--to', '9');

    // Assess
    expect(toOne.code).toBe(0);
    expect(await liveDescription()).toBe('one');
    expect(toNine.code).toBe(1);
    expect(toNine.stderr).toContain('route presence has no version 9');
  });

  it('a draft leaves the live version alone until it is published', async () => {
    // Prepare
    await rules('push', await presenceFile('live'));

    // Act
    const draft = await rules('push', await presenceFile('draft', { testCallers: ['+15550100111'] }), '--draft');
    const whileDraft = await liveDescription();
    const history = await rules('history', 'presence');
    const publish = await rules('publish', 'presence', '2');

    // Assess
    expect(draft.stdout).toContain('v2 (draft)');
    expect(whileDraft).toBe('live');
    expect(history.stdout).toMatch(/v2 +draft /);
    expect(publish.stdout).toContain('v2 is live (was v1)');
    expect(await liveDescription()).toBe('draft');
    expect((await admin.versions.readPointer('presence'))?.draft).toBeUndefined();
  });

  it('refuses a draft for a route that has no live version', async () => {
    // Act
    const result = await rules('push', await presenceFile('draft only'), '--draft');

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no live version yet');
    expect(await admin.getRoute('presence')).toBeUndefined();
  });

  it('delete removes the versions too, so the next push starts again at v1', async () => {
    // Prepare
    for (const text of ['one', 'two']) await rules('push', await presenceFile(text));

    // Act
    await rules('delete', 'presence', '--yes');
    const again = await rules('push', await presenceFile('fresh'));

    // Assess
    expect(again.stdout).toMatch(/created +presence .* v1/);
    expect((await admin.versions.listVersions('presence')).map((v) => v.version)).toEqual([1]);
    expect(await admin.listRouteIds()).toEqual(['presence']);
  });

  it('pull --version N prints that stored version, and names a version that is not there', async () => {
    // Prepare
    for (const text of ['one', 'two']) await rules('push', await presenceFile(text));

    // Act
    const first = await rules('pull', 'presence', '--version', '1');
    const ninth = await rules('pull', 'presence', '--version', '9');

    // Assess
    expect((JSON.parse(first.stdout) as { description: string }).description).toBe('one');
    expect(ninth.code).toBe(1);
    expect(ninth.stderr).toContain('no route presence version 9');
  });
});
