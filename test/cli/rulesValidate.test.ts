import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { MAX_ROUTE_DEPTH } from '../../lib/routes/documentShape';
import { EXAMPLES_DIR, exampleDocument, exampleFiles } from '../fixtures/exampleRoutes';

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(argv, io);
  return { code, stdout, stderr };
}

async function writeRouteFile(name: string, content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-validate-'));
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe('npm run rules -- validate', () => {
  it('passes every example with one OK line each', async () => {
    // Prepare
    const files = exampleFiles().map((f) => join(EXAMPLES_DIR, f));

    // Act
    const result = await rules('validate', ...files);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toHaveLength(files.length);
    expect(result.stdout).toContain('main-number.json  route main-number (1 rule, 0 steps)');
  });

  it('names file, route, rule (by name) and field for each problem, and exits 1', async () => {
    // Prepare
    const document = exampleDocument('main-number.json') as { rules: Record<string, unknown>[]; timezone: string };
    document.rules.push({ name: 'after-hours', then: { goto: 'nowhere' } });
    document.timezone = 'Mars/Olympus';
    const file = await writeRouteFile('broken.json', document);

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}: route main-number, rule after-hours (#2), field then.goto: no step named "nowhere"`);
    expect(result.stderr).toContain(`${file}: route main-number, field timezone: "Mars/Olympus" is not an IANA time zone`);
    expect(result.stderr).toContain('1 of 1 file invalid');
  });

  it('points at a rule by name when it lacks `then`, and by position when it has no name', async () => {
    // Prepare
    const named = exampleDocument('main-number.json') as { rules: Record<string, unknown>[] };
    delete named.rules[0]!.then;
    const unnamed = { id: 'bare', timezone: 'UTC', rules: [{ then: { goto: 'menu' } }] };
    const namedFile = await writeRouteFile('no-then.json', named);
    const unnamedFile = await writeRouteFile('bare.json', unnamed);

    // Act
    const result = await rules('validate', namedFile, unnamedFile);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${namedFile}: route main-number, rule business-hours (#1), field then: `);
    expect(result.stderr).toContain(`${unnamedFile}: route bare, rule #1, field then.goto: no step named "menu"`);
    expect(result.stderr).toContain('2 of 2 files invalid');
  });

  it('reads YAML route files, and reports YAML mistakes with their line', async () => {
    // Prepare
    const good = await writeRouteFile(
      'night.yaml',
      [
        'id: night',
        'timezone: Europe/Paris',
        'rules:',
        '  - name: always',
        '    then: { module: voicemail, data: { id: b7e2d3c4a5f60718293a4b5c6d7e8f91 } }',
        '',
      ].join('\n'),
    );
    const bad = await writeRouteFile('bad.yml', 'id: night\nid: twice\n');

    // Act
    const result = await rules('validate', good, bad);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`OK  ${good}  route night (1 rule, 0 steps)`);
    expect(result.stderr).toContain(`${bad}: not valid YAML at line 2, column 1: Map keys must be unique`);
  });

  it('names the field the schema rejects', async () => {
    // Prepare
    const document = exampleDocument('main-number.json') as { fallback: { data: Record<string, unknown> } };
    document.fallback.data.id = 42;
    const file = await writeRouteFile('typed.json', document);

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: route main-number, field fallback.data.id: Invalid input: expected string, received number`);
  });

  it('says which file cannot be read or is not JSON', async () => {
    // Prepare
    const notJson = await writeRouteFile('half.json', '{ "id": "x", ');
    const missing = join(tmpdir(), 'no-such-route-file.json');

    // Act
    const result = await rules('validate', notJson, missing);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${notJson}: not valid JSON at line 1, column 14: Expected double-quoted property name`);
    expect(result.stderr).toContain(`${missing}: cannot read the file (ENOENT`);
  });

  it('reports a cyclic or too deeply nested document in one line, with no stack', async () => {
    // Prepare: a callflow whose child is itself (an anchor holding its own alias), one 1,500 nodes deep
    const cyclic = await writeRouteFile(
      'cyclic.yaml',
      'id: cyclic\ntimezone: UTC\nfallback: &node\n  module: tts\n  data: { text: Hello }\n  children: { _: *node }\n',
    );
    let deep: Record<string, unknown> = { module: 'hangup', data: {} };
    for (let i = 0; i < 1_500; i++) deep = { module: 'tts', data: { text: 'Hello' }, children: { _: deep } };
    const deepJson = await writeRouteFile('deep.json', JSON.stringify({ id: 'deep', timezone: 'UTC', fallback: deep }));
    const deepYaml = await writeRouteFile('deep.yaml', `id: deep\ntimezone: UTC\ndescription: ${'['.repeat(1_500)}${']'.repeat(1_500)}\n`);

    // Act
    const result = await rules('validate', cyclic, deepJson, deepYaml);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${cyclic}: route cyclic, field fallback.children._: cyclic alias: this value contains itself`,
      `${deepJson}: route deep, field fallback: too deeply nested (over ${MAX_ROUTE_DEPTH} levels)`,
      `${deepYaml}: too deeply nested to read (from line 3)`,
      '3 of 3 files invalid',
    ]);
  });

  it('points at the line and column of a JSON mistake, not at a character position', async () => {
    // Prepare: a comma missing after line 3's value
    const file = await writeRouteFile('comma.json', '{\n  "id": "comma",\n  "timezone": "Europe/Paris"\n  "rules": []\n}\n');

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: not valid JSON at line 4, column 3: Expected ',' or '}' after property value`);
  });

  it('takes a directory for the route files in it, subdirectories included', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'rules-dir-'));
    const good = { id: 'in-dir', timezone: 'Europe/Paris', fallback: { module: 'hangup', data: {} } };
    await writeFile(join(dir, 'a.json'), JSON.stringify(good));
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'nested', 'b.yaml'), 'id: nested-one\ntimezone: Europe/Paris\nfallback: { module: hangupp, data: {} }\n');
    await writeFile(join(dir, 'notes.txt'), 'not a route');

    // Act
    const result = await rules('validate', dir);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`OK  ${join(dir, 'a.json')}  route in-dir`);
    expect(result.stderr).toContain(
      `${join(dir, 'nested', 'b.yaml')}: route nested-one, field fallback.module: unknown callflow module "hangupp" (did you mean "hangup"?)`,
    );
    expect(result.stderr).toContain('1 of 2 files invalid');
  });

  it('warns about a data field the module does not have, naming the one meant, and still passes the file', async () => {
    // Prepare
    const document = exampleDocument('main-number.json') as { fallback: { data: Record<string, unknown> } };
    document.fallback.data.max_mesage_length = 120;
    const file = await writeRouteFile('typo.json', document);

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`OK  ${file}  route main-number`);
    expect(result.stderr).toBe(
      `warning: ${file}: route main-number, field fallback.data.max_mesage_length: not a voicemail field, Kazoo ignores it (did you mean "max_message_length"?)\n`,
    );
  });

  it('warns about a misspelt node key, whose branch would otherwise vanish silently', async () => {
    // Prepare
    const document = exampleDocument('main-number.json') as { fallback: Record<string, unknown> };
    document.fallback.chidlren = { _: { module: 'hangup', data: {} } };
    const file = await writeRouteFile('children.json', document);

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${file}: route main-number, field fallback.chidlren: not a callflow node key, it is dropped (did you mean "children"?)`,
    );
  });
});
