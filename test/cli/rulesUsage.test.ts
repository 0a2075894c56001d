import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { EXAMPLES_DIR } from '../fixtures/exampleRoutes';

async function rules(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(argv, io, { env });
  return { code, stdout, stderr };
}

const endpoint = () => process.env.DYNAMODB_ENDPOINT!;

describe('npm run rules -- (command line)', () => {
  it('prints help listing every command and option', async () => {
    // Act
    const result = await rules(['--help']);

    // Assess
    expect(result.code).toBe(0);
    for (const word of [
      'validate',
      'push',
      'diff',
      'pull',
      'list',
      'delete',
      '--table',
      '--region',
      '--endpoint',
      '--out',
      '--yes',
      'npm start',
    ]) {
      expect(result.stdout).toContain(word);
    }
  });

  it.each([
    [[], 'no command given'],
    [['promote', 'a.json'], 'unknown command "promote"'],
    [['valdiate', 'a.json'], 'unknown command "valdiate" (did you mean "validate"?)'],
    [['push'], 'push takes <files...>'],
    [['pull', 'a', 'b'], 'pull takes <route> (one only)'],
    [['list', '--out', 'x.json'], '--out does not apply to list'],
    [['push', 'a.json', '--force'], "Unknown option '--force'"],
    [['list', '--endpoint', '127.0.0.1:8000'], '--endpoint must be an http(s) URL'],
  ])('refuses %j with exit 2: %s', async (argv, message) => {
    // Act
    const result = await rules(argv);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('npm run rules -- --help');
  });

  it('takes the table from TABLE_NAME when --table is not given', async () => {
    // Prepare
    const { tableName } = await createTestTable('rules-env');
    const env = { TABLE_NAME: tableName };

    // Act
    const pushed = await rules(['push', join(EXAMPLES_DIR, 'main-number.json'), '--endpoint', endpoint()], env);
    const listed = await rules(['list', '--endpoint', endpoint()], env);

    // Assess
    expect(pushed.code).toBe(0);
    expect(listed.stdout).toBe('main-number\n');
  });

  it('explains a store failure in one line with a hint, instead of a stack trace', async () => {
    // Act
    const result = await rules(['list', '--endpoint', endpoint(), '--table', 'no-such-table']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: DynamoDB route list failed \(ResourceNotFoundException/);
    expect(result.stderr).toContain(`hint: is the local DynamoDB running at ${endpoint()}? \`npm start\` prints its endpoint`);
  });
});
