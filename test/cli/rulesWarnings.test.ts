import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoRouteAdmin } from '../../adapters/dynamodb/dynamoRouteAdmin';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { EXAMPLES_DIR } from '../fixtures/exampleRoutes';
import { itWithKazooSchemas, kazooDocumentErrors } from '../support/kazooSchemas';

const NOW = new Date('2026-11-24T15:00:00Z');

async function rules(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(argv, io, { now: () => NOW });
  return { code, stdout, stderr };
}

async function writeRouteFile(content: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'rules-warnings-')), 'route.json');
  await writeFile(file, JSON.stringify(content, null, 2));
  return file;
}

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

/** Every quiet mistake of issue #14 in one route that nevertheless validates. */
const quietMistakes = {
  id: 'quiet-mistakes',
  timezone: 'EST',
  rules: [
    { name: 'christmas', when: { time: { cycle: 'yearly', days: [25] } }, then: VOICEMAIL },
    { name: 'night', when: { time: { cycle: 'daily', time_window_start: '22:00', time_window_stop: '06:00' } }, then: VOICEMAIL },
    { name: 'paydays', when: { time: { cycle: 'monthly', days: [21, 9] } }, then: VOICEMAIL },
    { name: 'next-year', when: { time: { cycle: 'weekly', wdays: ['monday'], start_date: '2027-01-04' } }, then: VOICEMAIL },
    { name: 'everyone', then: VOICEMAIL },
    { name: 'night', when: { direction: 'inbound' }, then: VOICEMAIL },
  ],
};

describe('npm run rules -- validate: warnings about quiet mistakes', () => {
  it('warns, naming file, route, rule and field, and still passes', async () => {
    // Prepare
    const file = await writeRouteFile(quietMistakes);

    // Act
    const result = await rules('validate', file);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OK  ');
    const warnings = result.stderr.trim().split('\n');
    const expected = [
      `field timezone: "EST" is a fixed offset with no daylight saving time`,
      `rule christmas (#1), field when.time.month: a yearly rule without month means January`,
      `rule night (#2), field when.time.time_window_stop: stops before it starts, so the rule never matches`,
      `rule paydays (#3), field when.time.days: days are out of order`,
      `rule next-year (#4), field when.time.start_date: is in the future`,
      `rule night (#6), field (the rule itself): never reached: rule everyone (#5) before it has no conditions`,
      `rule night (#6), field name: "night" is also the name of rule #2`,
    ];
    for (const [i, text] of expected.entries()) {
      expect(warnings[i]).toMatch(/^warning: /);
      expect(warnings[i]).toContain(`${file}: route quiet-mistakes, `);
      expect(warnings[i]).toContain(text);
    }
    expect(warnings).toHaveLength(expected.length);
  });

  it('--strict makes them errors: exit 1', async () => {
    // Prepare
    const file = await writeRouteFile(quietMistakes);

    // Act
    const result = await rules('validate', '--strict', file);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error (--strict): ');
    expect(result.stderr).toContain('1 of 1 file invalid');
  });

  it('has nothing to say about the examples', async () => {
    // Act
    const result = await rules('validate', '--strict', join(EXAMPLES_DIR, 'small-business.json'), join(EXAMPLES_DIR, 'main-number.json'));

    // Assess
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('lists close, reopen, kazoo-rules, the warnings and --strict in its help', async () => {
    // Act
    const { stdout } = await rules('--help');

    // Assess
    for (const text of [
      'close <route>',
      'reopen <route>',
      'kazoo-rules <files...>',
      '--until',
      '--message',
      '--strict',
      'yearly rule without month',
    ]) {
      expect(stdout).toContain(text);
    }
  });
});

describe('npm run rules -- push: days stored sorted, --strict refuses', () => {
  let tableName: string;
  let admin: DynamoRouteAdmin;
  const table = (...argv: string[]) => rules(...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName);

  beforeAll(async () => {
    const created = await createTestTable('rules-warnings');
    tableName = created.tableName;
    admin = new DynamoRouteAdmin(created);
  });

  it('stores days as the sorted set Kazoo reads the way the author meant', async () => {
    // Prepare
    const file = await writeRouteFile({
      id: 'paydays',
      timezone: 'America/New_York',
      rules: [{ name: 'paydays', when: { time: [{ cycle: 'monthly', days: [21, 9, 21] }] }, then: VOICEMAIL }],
    });

    // Act
    const result = await table('push', file);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('days are out of order');
    const stored = JSON.parse((await admin.getRoute('paydays'))!);
    expect(stored.rules[0].when.time[0].days).toEqual([9, 21]);
  });

  it('--strict writes nothing when a file has warnings', async () => {
    // Prepare
    const file = await writeRouteFile({ ...quietMistakes, id: 'strict-push' });

    // Act
    const result = await table('push', '--strict', file);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing written');
    expect(await admin.getRoute('strict-push')).toBeUndefined();
  });
});

describe('npm run rules -- close --until', () => {
  let tableName: string;
  const table = (...argv: string[]) => rules(...argv, '--endpoint', process.env.DYNAMODB_ENDPOINT!, '--table', tableName);

  beforeAll(async () => {
    const created = await createTestTable('rules-close');
    tableName = created.tableName;
    await new DynamoRouteAdmin(created).putRoute(
      'main-number',
      JSON.stringify({ id: 'main-number', timezone: 'America/New_York', rules: [] }),
    );
  });

  afterAll(async () => {
    await table('reopen', 'main-number');
  });

  it.each([
    ['2h', 'until 2026-11-24 12:00 (America/New_York)'],
    ['2026-11-25T09:00', 'until 2026-11-25 09:00 (America/New_York)'],
    ['17:30', 'until 2026-11-24 17:30 (America/New_York)'],
    ['08:00', 'until 2026-11-25 08:00 (America/New_York)'],
    ['2026-11-24T22:00:00Z', 'until 2026-11-24 17:00 (America/New_York)'],
  ])('reads --until %s in the route zone', async (until, shown) => {
    // Act
    const closed = await table('close', 'main-number', '--until', until);
    const listed = await table('list');

    // Assess: this route has no closed callflow, no fallback, and no message was given.
    expect(closed.stderr).toContain(
      "has neither closed nor fallback and no --message was given: callers get a 503 (the pivot node's _ branch)",
    );
    expect(closed.stdout).toContain(`closed main-number ${shown}`);
    expect(listed.stdout).toBe(`main-number\tCLOSED ${shown}\n`);
  });

  it.each([
    ['tomorrowish', 'is not a time'],
    ['2026-11-24T09:00', 'is already past'],
  ])('refuses --until %s', async (until, message) => {
    // Act
    const result = await table('close', 'main-number', '--until', until);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('refuses an empty or overlong --message', async () => {
    // Act
    const empty = await table('close', 'main-number', '--message', ' ');
    const long = await table('close', 'main-number', '--message', 'x'.repeat(1001));

    // Assess
    for (const result of [empty, long])
      expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('--message must be 1 to 1000') });
  });

  it('refuses to close a route that does not exist, and to reopen one that is not closed', async () => {
    // Act
    const close = await table('close', 'no-such-route');
    const reopen = await table('reopen', 'no-such-route');

    // Assess
    expect(close).toMatchObject({ code: 1, stderr: expect.stringContaining('no route no-such-route') });
    expect(reopen).toMatchObject({ code: 1, stderr: expect.stringContaining('was not closed') });
  });
});

describe('npm run rules -- kazoo-rules', () => {
  it('prints the hours condition as Kazoo weekly rules in seconds, an overnight range split at midnight', async () => {
    // Prepare
    const file = await writeRouteFile({
      id: 'night-desk',
      timezone: 'America/New_York',
      rules: [{ name: 'night', when: { hours: { 'fri-sat': '22:00-02:00' } }, then: VOICEMAIL }],
    });

    // Act
    const result = await rules('kazoo-rules', file);

    // Assess
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.conditions).toEqual([
      {
        rule: 'night',
        condition: 'hours',
        temporal_rules: [
          expect.objectContaining({ cycle: 'weekly', wdays: ['friday', 'saturday'], time_window_start: 79_200, time_window_stop: 86_400 }),
          expect.objectContaining({ cycle: 'weekly', wdays: ['saturday', 'sunday'], time_window_start: 0, time_window_stop: 7_200 }),
        ],
      },
    ]);
  });

  itWithKazooSchemas("prints only documents Kazoo's temporal_rules schema accepts", async () => {
    // Act
    const result = await rules('kazoo-rules', join(EXAMPLES_DIR, 'small-business.json'), join(EXAMPLES_DIR, 'main-number.json'));

    // Assess
    const documents = (JSON.parse(result.stdout) as { conditions: { temporal_rules: unknown[] }[] }[]).flatMap((route) =>
      route.conditions.flatMap((c) => c.temporal_rules),
    );
    expect(documents.length).toBeGreaterThan(20);
    expect(documents.flatMap((d) => kazooDocumentErrors('temporal_rules', d))).toEqual([]);
  });

  it('writes holidays and closures out as date rules starting at local midnight', async () => {
    // Act
    const result = await rules('kazoo-rules', join(EXAMPLES_DIR, 'small-business.json'));

    // Assess
    const printed = JSON.parse(result.stdout);
    const holidays = printed.conditions.find((c: { condition: string }) => c.condition.startsWith('holidays US'));
    const thanksgiving = holidays.temporal_rules.find((r: { name: string }) => r.name === 'Thanksgiving Day 2026-11-26');
    // 2026-11-26 00:00 EST is 05:00 UTC: 63_962_888_400 Gregorian seconds.
    expect(thanksgiving).toEqual({
      name: 'Thanksgiving Day 2026-11-26',
      cycle: 'date',
      interval: 1,
      start_date: 63_962_888_400,
      time_window_start: 0,
      time_window_stop: 86_400,
    });
    expect(printed.conditions[0]).toMatchObject({
      rule: 'closures.0',
      temporal_rules: [{ cycle: 'date', name: 'inventory-day 2026-12-29' }],
    });
  });
});
