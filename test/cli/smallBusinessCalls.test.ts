/**
 * The cookbook route (examples/small-business.json), every branch proven by the
 * call simulator through the real handler on the local server: open hours,
 * lunch, US public holidays (observed days included), closures, the after-hours
 * menu, a DST change and a year end; and an emergency closure from the rules CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import { startLocalServer, type LocalServer } from '../../local/startLocalServer';
import { actions, modules, simulateCall } from '../local/support/simulateCall';

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dynamoPort: 0 });
});

afterAll(async () => {
  await server.close();
});

const call = (at: string, ...args: string[]) => simulateCall(server, ['--route', 'small-business', '--at', at, ...args]);
const spoken = (t: Awaited<ReturnType<typeof call>>['transcript']) =>
  actions(t)
    .filter((a) => a.module === 'tts')
    .map((a) => String(a.data['text']));

const RING_GROUP = ['ring_group', 'voicemail'];
const GREETING = ['tts', 'voicemail'];
const MENU = ['tts', 'collect_dtmf', 'pivot'];

describe('small-business: which branch answers, by New York wall clock', () => {
  it.each([
    ['Tuesday 10:00 EST: the ring group, then voicemail', '2026-11-24T15:00:00Z', RING_GROUP],
    ['Tuesday 12:30 EST: the lunch message, then voicemail', '2026-11-24T17:30:00Z', GREETING],
    ['Tuesday 13:00:01 EST: open again after lunch', '2026-11-24T18:00:01Z', RING_GROUP],
    ['Thanksgiving (Thursday 10:00): the holiday greeting', '2026-11-26T15:00:00Z', GREETING],
    ['Friday 2026-07-03 10:00 EDT, Independence Day observed: the holiday greeting', '2026-07-03T14:00:00Z', GREETING],
    ['Friday 2027-12-31 10:00 EST, New Year 2028 observed across the year end: the holiday greeting', '2027-12-31T15:00:00Z', GREETING],
    ['closure inventory-day (Tuesday 2026-12-29 10:00)', '2026-12-29T15:00:00Z', GREETING],
    ["closure winter-break, New Year's Eve 23:59 EST", '2027-01-01T04:59:00Z', GREETING],
    ['closure winter-break, its last day (Saturday 2027-01-02)', '2027-01-02T17:00:00Z', GREETING],
    ['the Monday after the year end, 09:00 EST: open', '2027-01-04T14:00:00Z', RING_GROUP],
    ['Monday 13:30Z after DST ends (08:30 EST): the after-hours menu', '2026-11-02T13:30:00Z', [...MENU, 'voicemail']],
    ['Monday 14:30Z after DST ends (09:30 EST): open', '2026-11-02T14:30:00Z', RING_GROUP],
    ['Friday 13:30Z before DST ends (09:30 EDT): open', '2026-10-30T13:30:00Z', RING_GROUP],
    ['Monday 13:30Z after DST starts (09:30 EDT): open', '2026-03-09T13:30:00Z', RING_GROUP],
  ])('%s', async (_when, at, expected) => {
    // Act: no digits pressed, nobody answers.
    const { status, transcript } = await call(at, '--digits', '2');

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual(expected);
  });

  it('plays the holiday greeting on a holiday and the lunch message at lunch', async () => {
    // Act
    const holiday = await call('2026-11-26T17:30:00Z');
    const lunch = await call('2026-11-24T17:30:00Z');

    // Assess
    expect(spoken(holiday.transcript)).toEqual([expect.stringMatching(/^Happy holidays!/)]);
    expect(spoken(lunch.transcript)).toEqual([expect.stringMatching(/^We are out to lunch/)]);
  });
});

describe('small-business: the after-hours menu (Tuesday 20:00 EST)', () => {
  const evening = '2026-11-25T01:00:00Z';

  it('1 reaches the on-call mobile through resources, then voicemail', async () => {
    // Act
    const { transcript } = await call(evening, '--digits', '1');

    // Assess
    expect(modules(transcript)).toEqual([...MENU, 'resources', 'voicemail']);
    expect(actions(transcript)[3]?.data).toMatchObject({ to_did: '+12125550199' });
  });

  it('2 goes to voicemail', async () => {
    // Act
    const { transcript } = await call(evening, '--digits', '2');

    // Assess
    expect(modules(transcript)).toEqual([...MENU, 'voicemail']);
  });

  it('with nothing pressed, keeps sending the empty collection, says so twice, then voicemail', async () => {
    // Act
    const { transcript } = await call(evening);

    // Assess
    const requests = transcript.events.filter((e) => e.type === 'request');
    expect(requests.slice(1).map((r) => (r as { params: { Digits?: unknown } }).params.Digits)).toEqual([
      { 'after-hours-menu': '' },
      { 'after-hours-menu': '' },
      { 'after-hours-menu': '' },
    ]);
    expect(spoken(transcript).filter((t) => t === 'We did not hear a choice.')).toHaveLength(2);
    expect(modules(transcript).at(-1)).toBe('voicemail');
  });

  it('gives two retries after a wrong key, then voicemail', async () => {
    // Act
    const { transcript } = await call(evening, '--digits', '7,8,9');

    // Assess
    expect(modules(transcript)).toEqual([...MENU, 'tts', ...MENU, 'tts', ...MENU, 'voicemail']);
    expect(spoken(transcript).filter((t) => t.startsWith('Sorry'))).toHaveLength(2);
  });
});

describe('rules close / reopen: an emergency closure reaches calls within the route cache time', () => {
  async function rules(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await runRulesCli([...argv, '--endpoint', server.dynamoEndpoint, '--table', server.tableName], io);
    return { code, stdout, stderr };
  }
  // The local server caches routes (and closures) for one second.
  const afterCache = () => new Promise((resolve) => setTimeout(resolve, 1_100));

  it('answers the message then the closed callflow while closed, shows it in list, and the rules again after reopen', async () => {
    // Prepare
    const openHours = '2026-11-24T15:00:00Z';

    // Act
    const closed = await rules('close', 'small-business', '--message', 'We are closed because of the storm.');
    await afterCache();
    const duringClosure = await call(openHours);
    const listed = await rules('list');
    const reopened = await rules('reopen', 'small-business');
    await afterCache();
    const afterReopen = await call(openHours);

    // Assess
    expect(closed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^closed small-business until reopened/) });
    expect(modules(duringClosure.transcript)).toEqual(['tts', 'tts', 'voicemail']);
    expect(spoken(duringClosure.transcript)).toEqual(['We are closed because of the storm.', expect.stringMatching(/^Happy holidays!/)]);
    expect(listed.stdout).toContain('small-business\tCLOSED until reopened, message "We are closed because of the storm."');
    expect(listed.stdout).toContain('main-number\n');
    expect(reopened.code).toBe(0);
    expect(modules(afterReopen.transcript)).toEqual(RING_GROUP);
  });
});
