import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { ROUTE_SCHEMA_PATH } from '../../scripts/generateRouteSchema';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { EXAMPLES_DIR, exampleDocument } from '../fixtures/exampleRoutes';

let tableName: string;
let admin: DynamoRouteAdmin;
let workDir: string;

beforeEach(async () => {
  const table = await createTestTable('rules-round-trip');
  tableName = table.tableName;
  admin = new DynamoRouteAdmin(table);
  workDir = await mkdtemp(join(tmpdir(), 'rules-round-trip-'));
});

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli([...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName], io);
  return { code, stdout, stderr };
}

const example = (file: string) => join(EXAMPLES_DIR, file);
const withoutSchemaKey = ({ $schema: _editorOnly, ...rest }: Record<string, unknown>) => rest;

describe('npm run rules -- pull / list / diff / delete', () => {
  it('pulls a pushed route as pretty JSON that diffs and pushes back as unchanged', async () => {
    // Prepare
    await rules('push', example('account-pin.json'));
    const out = join(workDir, 'pulled.json');

    // Act
    const printed = await rules('pull', 'account-pin');
    const written = await rules('pull', 'account-pin', '--out', out);
    const diff = await rules('diff', out);
    const pushBack = await rules('push', out);

    // Assess
    expect(printed.code).toBe(0);
    expect(withoutSchemaKey(JSON.parse(printed.stdout))).toEqual(withoutSchemaKey(exampleDocument('account-pin.json')));
    expect(printed.stdout).toContain('\n  "id": "account-pin",\n');
    expect(written.stdout).toBe(`pulled account-pin into ${out}\n`);
    expect(withoutSchemaKey(JSON.parse(await readFile(out, 'utf8')))).toEqual(withoutSchemaKey(JSON.parse(printed.stdout)));
    expect(diff.stdout).toBe(`unchanged account-pin  ${out}\n`);
    expect(pushBack.stdout).toMatch(/^unchanged +account-pin /);
  });

  it('gives the pulled copy a $schema that reaches the route schema from where it is written', async () => {
    // Prepare
    await rules('push', example('account-pin.json'));
    const out = join(workDir, 'nested', 'pulled.json');
    await mkdir(join(workDir, 'nested'));

    // Act
    const printed = await rules('pull', 'account-pin');
    await rules('pull', 'account-pin', '--out', out);

    // Assess
    const fromStdout = JSON.parse(printed.stdout).$schema as string;
    const fromFile = JSON.parse(await readFile(out, 'utf8')).$schema as string;
    expect(Object.keys(JSON.parse(printed.stdout))[0]).toBe('$schema');
    expect(resolve(process.cwd(), fromStdout)).toBe(ROUTE_SCHEMA_PATH);
    expect(resolve(join(workDir, 'nested'), fromFile)).toBe(ROUTE_SCHEMA_PATH);
  });

  it('pulls as YAML when the out file is .yaml', async () => {
    // Prepare
    await rules('push', example('vip-callers.json'));
    const out = join(workDir, 'vip.yaml');

    // Act
    const result = await rules('pull', 'vip-callers', '-o', out);

    // Assess
    expect(result.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(withoutSchemaKey(parseYaml(text))).toEqual(withoutSchemaKey(exampleDocument('vip-callers.json')));
    expect(text.split('\n', 1)[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/route\.schema\.json$/);
  });

  it('fails to pull a route the table does not hold', async () => {
    // Act
    const result = await rules('pull', 'nobody');

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no route nobody in table ${tableName} at ${process.env.DYNAMODB_ENDPOINT}`);
  });

  it('lists the stored route ids, sorted', async () => {
    // Prepare
    await rules('push', example('presence.json'), example('bridging.json'), example('main-number.json'));
    const expected = ['bridging', 'main-number', 'presence'].map((f) => exampleDocument(`${f}.json`).id).sort();

    // Act
    const result = await rules('list');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(expected);
  });

  it('marks stored routes that no longer validate, keeping stdout to the ids', async () => {
    // Prepare: one good route, one hand-edited into a misspelt module
    await rules('push', example('presence.json'));
    const broken = { ...exampleDocument('main-number.json'), fallback: { module: 'voicemial', data: {} } };
    await admin.putRoute('main-number', JSON.stringify(broken));

    // Act
    const result = await rules('list');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['main-number', 'presence']);
    expect(result.stderr).toContain('1 of 2 stored routes no longer validate');
    expect(result.stderr).toContain('✗ main-number: fallback.module: unknown callflow module "voicemial" (did you mean "voicemail"?)');
    expect(result.stderr).not.toContain('presence');
  });

  it('diffs local files against the table: created, changed with each path, unchanged, writing nothing', async () => {
    // Prepare
    await rules('push', example('main-number.json'), example('sales-support-menu.json'));
    const edited = exampleDocument('main-number.json') as { rules: { then: { data: Record<string, unknown> } }[]; accounts?: string[] };
    edited.rules[0]!.then.data.timeout = 45;
    edited.accounts = ['4b8c5d6e7f8091a2b3c4d5e6f7081920'];
    const editedFile = join(workDir, 'main-number.json');
    await writeFile(editedFile, JSON.stringify(edited));

    // Act
    const result = await rules('diff', editedFile, example('sales-support-menu.json'), example('presence.json'));

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `changed   main-number  ${editedFile}`,
      '    ~ rules.0(business-hours).then.data.timeout: 20 -> 45',
      '    + accounts: ["4b8c5d6e7f8091a2b3c4d5e6f7081920"]',
      `unchanged sales-support  ${example('sales-support-menu.json')}`,
      `created   presence  ${example('presence.json')}  (not in the table yet)`,
      '',
    ]);
    expect(await admin.listRouteIds()).toEqual(['main-number', 'sales-support']);
    expect(JSON.parse((await admin.getRoute('main-number'))!)).not.toHaveProperty('accounts');
  });

  it('reports a change in rule order, since the first matching rule wins', async () => {
    // Prepare
    const route = { id: 'ordered', timezone: 'UTC', rules: ['a', 'b'].map((name) => ({ name, then: { module: 'hangup', data: {} } })) };
    const file = join(workDir, 'ordered.json');
    await writeFile(file, JSON.stringify(route));
    await rules('push', file);
    await writeFile(file, JSON.stringify({ ...route, rules: [...route.rules].reverse() }));

    // Act
    const diff = await rules('diff', file);
    const push = await rules('push', file);

    // Assess
    expect(diff.stdout).toContain('    ~ rules order: a, b -> b, a\n');
    expect(push.stdout).toContain('(rules reordered)');
  });

  it('deletes only with --yes', async () => {
    // Prepare
    await rules('push', example('presence.json'));
    const id = exampleDocument('presence.json').id as string;

    // Act
    const refused = await rules('delete', id);
    const listedAfterRefusal = await admin.listRouteIds();
    const deleted = await rules('delete', id, '--yes');
    const again = await rules('delete', id, '-y');

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refusing to delete route ${id} from table ${tableName}`);
    expect(refused.stderr).toContain('without --yes');
    expect(listedAfterRefusal).toEqual([id]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`deleted ${id}`);
    expect(await admin.getRoute(id)).toBeUndefined();
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no route ${id}`);
  });
});
