import { beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { exampleDocument } from '../fixtures/exampleRoutes';

let tableName: string;
let admin: DynamoRouteAdmin;

beforeAll(async () => {
  const table = await createTestTable('rules-show');
  tableName = table.tableName;
  admin = new DynamoRouteAdmin(table);
  for (const file of ['main-number.json', 'sales-support-menu.json']) {
    const document = exampleDocument(file);
    await admin.versions.push(String(document['id']), document, { draft: false, keep: 20, pushedBy: 'test' });
  }
});

async function show(routeId: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const now = () => new Date('2026-11-24T17:00:00Z');
  const code = await runRulesCli(['show', routeId, ...extra, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName], io, {
    now,
  });
  return { code, stdout, stderr };
}

describe('npm run rules -- show', () => {
  it("prints the live week as a table in the route's zone, with a legend", async () => {
    // Act
    const result = await show('main-number');

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('main-number (live v1): week of 2026-11-23, times in America/New_York');
    expect(result.stdout).toContain(
      [
        '              Mon Tue Wed Thu Fri Sat Sun',
        '  00:00–09:00   A   A   A   A   A   A   A',
        '  09:00–17:00   B   B   B   B   B   A   A',
        '  17:00–24:00   A   A   A   A   A   A   A',
        '   A  voicemail b7e2…  (fallback)',
        '   B  ring device a3f1… then voicemail b7e2…  (rule:business-hours)',
      ].join('\n'),
    );
    expect(result.stdout).toContain('none: every time rule repeats weekly');
  });

  it('prints the IVR as a tree: each option, the retries and what follows the last try', async () => {
    // Act
    const result = await show('sales-support');

    // Assess
    expect(result.stdout).toContain(
      [
        'IVR:',
        '  rule greeting → step menu',
        '    menu: says "Thanks for calling Example Corp. For sales, press 1. For support, pre…" (1 digit, 3 tries)',
        '    ├─ press 1 → ring group "Sales" then voicemail b7e2…',
        '    ├─ press 2 → ring user f0e1… then voicemail b7e2…',
        '    ├─ a wrong key → says "Sorry, that is not an option.", asked again',
        '    ├─ no input → says "We did not hear a choice.", asked again',
        '    └─ after 3 tries → voicemail b7e2…',
      ].join('\n'),
    );
  });

  it('names a route that is not stored', async () => {
    // Act
    const result = await show('nobody');

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no route nobody in table');
  });

  it('--draft shows the draft beside the live version, and says when there is none', async () => {
    // Prepare: a draft of the main number that stays open until 18:00
    const draft = structuredClone(exampleDocument('main-number.json')) as { rules: { when: { time: Record<string, number> } }[] };
    draft.rules[0]!.when.time['time_window_stop'] = 64_800;
    await admin.versions.push('main-number', draft, { draft: true, keep: 20, pushedBy: 'test' });

    // Act
    const drafted = await show('main-number', '--draft');
    const none = await show('sales-support', '--draft');

    // Assess
    expect(drafted.stdout).toContain('main-number (draft v2)');
    expect(drafted.stdout).toContain('  09:00–18:00   B   B   B   B   B   A   A');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('route sales-support has no draft');
  });
});
