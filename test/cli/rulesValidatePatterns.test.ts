import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRulesCli } from '../../cli/rules/runRulesCli';

async function validate(document: unknown): Promise<{ code: number; file: string; stdout: string; stderr: string }> {
  const file = join(await mkdtemp(join(tmpdir(), 'rules-patterns-')), 'route.json');
  await writeFile(file, JSON.stringify(document));
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(['validate', file], io);
  return { code, file, stdout, stderr };
}

const HANGUP = { module: 'hangup', data: {} };

describe('npm run rules -- validate: rule patterns are checked on RE2 (re2js loaded by the CLI itself)', () => {
  it('refuses a lookahead, naming the rule and the field', async () => {
    // Act
    const result = await validate({
      id: 'bad-pattern',
      timezone: 'UTC',
      rules: [{ name: 'vip', when: { callerId: { patterns: ['^\\+1(?=212)'] } }, then: HANGUP }],
    });

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${result.file}: route bad-pattern, rule vip (#1), field when.callerId.patterns.0: lookahead and lookbehind are not supported`,
    );
  });

  it('accepts a route whose IVR option has a good pattern', async () => {
    // Act
    const result = await validate({
      id: 'good-pattern',
      timezone: 'UTC',
      rules: [{ then: { goto: 'menu' } }],
      steps: { menu: { prompt: { tts: 'Your account number' }, options: [{ pattern: '^(\\d{6})$', then: HANGUP }] } },
    });

    // Assess
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
