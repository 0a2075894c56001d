import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { EXAMPLES_DIR, exampleDocument } from '../fixtures/exampleRoutes';

let tableName: string;
let dir: string;

beforeEach(async () => {
  const table = await createTestTable('rules-impact');
  tableName = table.tableName;
  await new DynamoRouteAdmin(table).versions.push('main-number', exampleDocument('main-number.json'), {
    draft: false,
    keep: 20,
    pushedBy: 'test',
  });
  dir = await mkdtemp(join(tmpdir(), 'rules-impact-'));
});

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const now = () => new Date('2026-11-24T17:00:00Z');
  const code = await runRulesCli([...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName], io, { now });
  return { code, stdout, stderr };
}

describe('npm run rules -- impact', () => {
  it('prints what changes for callers against the live version, and fails on change when asked', async () => {
    // Prepare: business hours end at 18:00 instead of 17:00
    const edited = structuredClone(exampleDocument('main-number.json')) as { rules: { when: { time: Record<string, number> } }[] };
    edited.rules[0]!.when.time['time_window_stop'] = 64_800;
    const file = join(dir, 'main-number.json');
    await writeFile(file, JSON.stringify(edited));

    // Act
    const result = await rules('impact', file, '--fail-on-change', '--days', '0');

    // Assess
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      `main-number: live v1 → ${file}\n` +
        '  any other caller (this week, America/New_York):\n' +
        '    Mon–Fri 17:00–18:00: voicemail b7e2… → ring device a3f1… then voicemail b7e2…\n',
    );
  });

  it('says no change for the live file itself, exit 0 even with --fail-on-change', async () => {
    // Act
    const result = await rules('impact', join(EXAMPLES_DIR, 'main-number.json'), '--fail-on-change');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('main-number: live v1 → ');
    expect(result.stdout).toContain(': no change for callers');
  });

  it('diff --calls is impact by another name', async () => {
    // Prepare
    const edited = structuredClone(exampleDocument('main-number.json')) as { rules: { when: { time: Record<string, number> } }[] };
    edited.rules[0]!.when.time['time_window_stop'] = 64_800;
    const file = join(dir, 'main-number.json');
    await writeFile(file, JSON.stringify(edited));

    // Act
    const viaDiff = await rules('diff', file, '--calls', '--days', '0');
    const viaImpact = await rules('impact', file, '--days', '0');

    // Assess
    expect(viaDiff).toEqual(viaImpact);
    expect(viaDiff.stdout).toContain('Mon–Fri 17:00–18:00');
  });
});
