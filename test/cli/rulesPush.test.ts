import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { EXAMPLES_DIR, exampleDocument } from '../fixtures/exampleRoutes';

let tableName: string;
let admin: DynamoRouteAdmin;

beforeEach(async () => {
  const table = await createTestTable('rules-push');
  tableName = table.tableName;
  admin = new DynamoRouteAdmin(table);
});

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli([...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName], io);
  return { code, stdout, stderr };
}

async function writeRouteFile(name: string, content: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'rules-push-')), name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const example = (file: string) => join(EXAMPLES_DIR, file);

describe('npm run rules -- push', () => {
  it('writes new routes as compact JSON of the document as written, and says created', async () => {
    // Prepare
    const files = [example('main-number.json'), example('sales-support-menu.json')];

    // Act
    const result = await rules('push', ...files);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`created   main-number  ${files[0]}`);
    expect(result.stdout).toContain(`created   sales-support  ${files[1]}`);
    expect(await admin.listRouteIds()).toEqual(['main-number', 'sales-support']);
    const { $schema: _editorOnly, ...asWritten } = exampleDocument('main-number.json');
    expect(await admin.getRoute('main-number')).toBe(JSON.stringify(asWritten));
  });

  it('says unchanged when pushing the same route again, even reformatted as YAML', async () => {
    // Prepare
    await rules('push', example('presence.json'));
    const yamlFile = await writeRouteFile('presence.yaml', stringify(exampleDocument('presence.json')));

    // Act
    const again = await rules('push', example('presence.json'));
    const asYaml = await rules('push', yamlFile);

    // Assess
    expect(again.stdout).toMatch(/^unchanged +presence /);
    expect(asYaml.stdout).toMatch(/^unchanged +presence /);
  });

  it('says updated with the rules and keys that changed, and stores the new version', async () => {
    // Prepare
    await rules('push', example('main-number.json'));
    const document = exampleDocument('main-number.json') as {
      rules: { name: string; then: { module?: string; data: Record<string, unknown> } }[];
      description?: string;
    };
    document.rules[0]!.then.data.timeout = 30;
    document.rules.push({ name: 'weekend', then: { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } } });
    delete document.description;
    const file = await writeRouteFile('main-number.json', document);

    // Act
    const result = await rules('push', file);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `updated   main-number  ${file}  v2  (rule business-hours changed, rule weekend added, description removed)`,
    );
    const stored = JSON.parse((await admin.getRoute('main-number'))!) as typeof document;
    expect(stored.rules.map((r) => r.name)).toEqual(['business-hours', 'weekend']);
    expect(stored.rules[0]!.then.data.timeout).toBe(30);
  });

  it('writes nothing when any file is invalid, and lists every problem', async () => {
    // Prepare
    const broken = exampleDocument('vip-callers.json') as { timezone: string };
    broken.timezone = 'Mars/Olympus';
    const brokenFile = await writeRouteFile('vip.json', broken);

    // Act
    const result = await rules('push', example('main-number.json'), brokenFile);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${brokenFile}: route vip-callers, field timezone: "Mars/Olympus" is not an IANA time zone`);
    expect(result.stderr).toContain(`nothing written to table ${tableName}`);
    expect(await admin.listRouteIds()).toEqual([]);
  });

  it('takes a directory, and warns about a data field Kazoo would ignore while still writing the route', async () => {
    // Prepare
    const document = exampleDocument('main-number.json') as { fallback: { data: Record<string, unknown> } };
    document.fallback.data.max_mesage_length = 120;
    const file = await writeRouteFile('typo.json', document);

    // Act
    const result = await rules('push', dirname(file));

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`created   main-number  ${file}`);
    expect(result.stderr).toContain(
      'field fallback.data.max_mesage_length: not a voicemail field, Kazoo ignores it (did you mean "max_message_length"?)',
    );
    expect(await admin.listRouteIds()).toEqual(['main-number']);
  });

  it('refuses two files that claim the same route id', async () => {
    // Prepare
    const copy = await writeRouteFile('copy.json', exampleDocument('main-number.json'));

    // Act
    const result = await rules('push', example('main-number.json'), copy);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`route main-number is defined by more than one file: ${example('main-number.json')}, ${copy}`);
    expect(await admin.listRouteIds()).toEqual([]);
  });
});
