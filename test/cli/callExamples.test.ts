import { describe, expect, it } from '@jest/globals';
import { runCallCommand } from '../../local/simulator/callCommand';
import type { AnswerEvent, RequestEvent } from '../../local/simulator/transcript';
import { localServerForCalls } from '../fixtures/localServerCalls';
import { actions, modules } from '../local/support/simulateCall';

const VOICEMAIL = 'b7e2d3c4a5f60718293a4b5c6d7e8f91';
const FRONT_DESK = 'a3f1c2d4e5f60718293a4b5c6d7e8f90';

const { server, call } = localServerForCalls();
const spoken = (t: Awaited<ReturnType<typeof call>>['transcript']) =>
  actions(t)
    .filter((a) => a.module === 'tts')
    .map((a) => a.data['text']);

describe('npm run call: main-number, time of day in America/New_York', () => {
  it.each([
    ['a Tuesday at noon', '2026-11-24T17:00:00Z', ['device', 'voicemail']],
    ['a Tuesday evening', '2026-11-24T23:30:00Z', ['voicemail']],
    ['a Saturday at noon', '2026-11-28T17:00:00Z', ['voicemail']],
    ['Friday 13:30Z before DST ends (09:30 EDT, open)', '2026-10-30T13:30:00Z', ['device', 'voicemail']],
    ['Monday 13:30Z after DST ends (08:30 EST, closed)', '2026-11-02T13:30:00Z', ['voicemail']],
    ['Monday 14:30Z after DST ends (09:30 EST, open)', '2026-11-02T14:30:00Z', ['device', 'voicemail']],
    ['Friday 13:30Z before DST starts (08:30 EST, closed)', '2026-03-06T13:30:00Z', ['voicemail']],
    ['Monday 13:30Z after DST starts (09:30 EDT, open)', '2026-03-09T13:30:00Z', ['device', 'voicemail']],
  ])('on %s', async (_when, at, expected) => {
    // Act
    const { status, transcript } = await call('--route', 'main-number', '--at', at);

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual(expected);
    expect(transcript).toMatchObject({ failed: false, ending: 'voicemail', clock: new Date(at).toISOString() });
  });

  it('rings the front desk, and an answered bridge ends the walk there', async () => {
    // Act
    const { transcript } = await call('--route', 'main-number', '--at', '2026-11-24T17:00:00Z', '--answer');

    // Assess
    expect(actions(transcript)).toEqual([
      expect.objectContaining({ module: 'device', answered: true, data: { id: FRONT_DESK, timeout: 20 } }),
    ]);
    expect(transcript.ending).toBe('answered');
  });

  it('prints a readable transcript: ring, no answer, voicemail', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const status = await runCallCommand(
      ['--url', server().url, '--token', server().tokenFor('main-number'), '--at', '2026-11-24T17:00:00Z'],
      {
        out: (t) => lines.push(...t.split('\n')),
        err: (t) => lines.push(t),
        env: {},
      },
    );

    // Assess
    const walk = lines.map((l) => l.trim()).filter((l) => ['ring', 'no answer', 'voicemail'].some((w) => l.startsWith(w)));
    expect(status).toBe(0);
    expect(walk).toEqual(['ring device a3f1… (20 s)', 'no answer', 'voicemail b7e2…']);
    expect(lines.join('\n')).not.toContain(server().tokenFor('main-number'));
  });
});

describe('npm run call: sales-support menu', () => {
  it.each([
    ['GET, kazoo', []],
    ['POST form, kazoo', ['--method', 'post']],
    ['POST JSON, kazoo', ['--method', 'post', '--body', 'json']],
    ['POST form, twiml', ['--method', 'post', '--format', 'twiml']],
  ])('option 1 rings the sales group, then voicemail (%s)', async (_how, extra) => {
    // Act
    const { status, transcript } = await call('--route', 'sales-support', '--digits', '1', ...extra);

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual(['tts', 'collect_dtmf', 'pivot', 'ring_group', 'voicemail']);
    expect(actions(transcript)[3]).toMatchObject({ data: { name: 'Sales', strategy: 'simultaneous' }, answered: false });
    expect(transcript).toMatchObject({ requests: 2, ending: 'voicemail', digits: { menu: '1' } });
  });

  it('sends the digits on the pivot back as Digits[menu]', async () => {
    // Act
    const { transcript } = await call('--route', 'sales-support', '--digits', '1');

    // Assess
    const followUp = transcript.events.filter((e): e is RequestEvent => e.type === 'request')[1]!;
    expect(followUp.url).toMatch(
      new RegExp(`^${server().url}/pivot/sales-support\\?token=\\*\\*\\*&step=menu&exp=\\d+&sig=\\*\\*\\*&ver=1$`),
    );
    expect(followUp.params['Digits']).toEqual({ menu: '1' });
  });

  it('says which rule, step and option produced each answer', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const { transcript } = await call('--route', 'sales-support', '--digits', '5,1');
    await runCallCommand(
      ['--url', server().url, '--route', 'sales-support', '--token', server().tokenFor('sales-support'), '--digits', '1'],
      {
        out: (t) => lines.push(...t.split('\n')),
        err: (t) => lines.push(t),
        env: {},
      },
    );

    // Assess
    const answers = transcript.events.filter((e): e is AnswerEvent => e.type === 'answer').map((e) => e.decidedBy);
    expect(answers).toEqual([
      'rule "greeting", prompting step "menu"',
      'step "menu" again (wrong or no input), prompting step "menu"',
      'step "menu", option 1',
    ]);
    expect(lines.map((l) => l.trim())).toContain('answered by step "menu", option 1');
  });

  it('option 2 rings support', async () => {
    // Act
    const { transcript } = await call('--route', 'sales-support', '--digits', '2');

    // Assess
    expect(modules(transcript).slice(3)).toEqual(['user', 'voicemail']);
  });

  it('an invalid option is answered with a notice and the menu again', async () => {
    // Act
    const { transcript } = await call('--route', 'sales-support', '--digits', '7,2');

    // Assess
    expect(spoken(transcript)).toEqual([
      'Thanks for calling Example Corp. For sales, press 1. For support, press 2.',
      'Sorry, that is not an option.',
      'Thanks for calling Example Corp. For sales, press 1. For support, press 2.',
    ]);
    expect(modules(transcript).slice(-2)).toEqual(['user', 'voicemail']);
    expect(transcript.requests).toBe(3);
  });

  it('three silences send the caller to voicemail', async () => {
    // Act
    const { status, transcript } = await call('--route', 'sales-support');

    // Assess
    expect(status).toBe(0);
    expect(
      actions(transcript)
        .filter((a) => a.module === 'collect_dtmf')
        .map((a) => a.pressed),
    ).toEqual(['', '', '']);
    expect(spoken(transcript).filter((t) => t === 'We did not hear a choice.')).toHaveLength(2);
    expect(transcript).toMatchObject({ requests: 4, ending: 'voicemail' });
    expect(actions(transcript).at(-1)).toMatchObject({ module: 'voicemail', data: { id: VOICEMAIL } });
  });
});

describe('npm run call: account-pin', () => {
  it('a known account and the right PIN reach billing, carrying the account as a variable', async () => {
    // Act
    const { status, transcript } = await call('--route', 'account-pin', '--digits', '12345,9876');

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual([
      'tts',
      'collect_dtmf',
      'pivot',
      'tts',
      'collect_dtmf',
      'pivot',
      'set_variables',
      'tts',
      'device',
      'voicemail',
    ]);
    expect(transcript).toMatchObject({
      vars: { account: '12345', verified: 'yes' },
      digits: { account: '12345', pin: '9876' },
      requests: 3,
    });
  });

  it('a wrong PIN is asked again, and the right one then succeeds', async () => {
    // Act
    const { transcript } = await call('--route', 'account-pin', '--digits', '12345,1111,9876');

    // Assess
    expect(spoken(transcript)).toContain('That PIN does not match the account.');
    expect(modules(transcript)).toContain('set_variables');
    expect(transcript.requests).toBe(4);
  });

  it('three wrong PINs end the call with an apology', async () => {
    // Act
    const { status, transcript } = await call('--route', 'account-pin', '--digits', '12345,1111,2222,3333');

    // Assess
    expect(status).toBe(0);
    expect(spoken(transcript).filter((t) => t === 'That PIN does not match the account.')).toHaveLength(2);
    expect(spoken(transcript).at(-1)).toBe('Sorry, we could not verify your account. Goodbye.');
    expect(modules(transcript)).not.toContain('set_variables');
    expect(transcript).toMatchObject({ ending: 'hangup', requests: 5 });
  });

  it('the right PIN for an unknown account does not verify', async () => {
    // Act
    const { transcript } = await call('--route', 'account-pin', '--digits', '99999,9876,9876,9876');

    // Assess
    expect(modules(transcript)).not.toContain('set_variables');
    expect(transcript.ending).toBe('hangup');
  });
});

describe('npm run call: vip-callers', () => {
  it.each(['+14155550123', '+442071838750'])('whitelisted %s is flagged VIP and goes to the account manager', async (from) => {
    // Act
    const { transcript } = await call('--route', 'vip-callers', '--from', from, '--caller-name', 'Grace Hopper');

    // Assess
    expect(modules(transcript)).toEqual(['set_cid', 'user', 'voicemail']);
    expect(actions(transcript)[0]!.data).toEqual({ caller_id_name: 'VIP Grace Hopper', caller_id_number: from });
  });

  it("a caller in the partner's number block goes to the partner desk", async () => {
    // Act
    const { transcript } = await call('--route', 'vip-callers', '--from', '+442079461234');

    // Assess
    expect(actions(transcript)[0]).toMatchObject({ module: 'device', data: { id: 'c10a2b3c4d5e6f708192a3b4c5d6e7f8' } });
  });

  it('anyone else rings the main group', async () => {
    // Act
    const { transcript } = await call('--route', 'vip-callers', '--from', '+15551234567');

    // Assess
    expect(modules(transcript)).toEqual(['ring_group', 'voicemail']);
  });
});

describe('npm run call: presence feature codes', () => {
  it.each([
    ['*551234', '1234@sip.example.com', 'busy', 'Extension marked busy.'],
    ['*56123', '123@sip.example.com', 'idle', 'Extension marked available.'],
  ])('%s sets the lamp', async (dialed, presenceId, status, confirmation) => {
    // Act
    const { transcript } = await call('--route', 'presence', '--to', dialed);

    // Assess
    expect(actions(transcript).map((a) => a.data)).toEqual([{ presence_id: presenceId, status }, { text: confirmation }]);
    expect(transcript.ending).toBe('end-of-callflow');
  });

  it('an unknown code is answered 404 by the callflow', async () => {
    // Act
    const { transcript } = await call('--route', 'presence', '--to', '*57');

    // Assess
    expect(actions(transcript)).toEqual([
      expect.objectContaining({ module: 'response', data: { code: 404, message: 'Unknown feature code' } }),
    ]);
    expect(transcript.ending).toBe('response');
  });
});

describe('npm run call: bridging', () => {
  it.each([
    ['+12125550101', 'device', { id: FRONT_DESK, timeout: 20 }],
    ['+12125550102', 'user', { id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', timeout: 20, can_call_self: false }],
    ['92125550100', 'resources', { to_did: '+12125550100', use_local_resources: true }],
    ['+442071234567', 'resources', { to_did: '+442071234567', use_local_resources: false }],
  ])('dialing %s bridges to %s', async (dialed, module, data) => {
    // Act
    const { status, transcript } = await call('--route', 'bridging', '--to', dialed, '--answer');

    // Assess
    expect(status).toBe(0);
    expect(actions(transcript)).toEqual([expect.objectContaining({ module, data, answered: true })]);
    expect(transcript.ending).toBe('answered');
  });

  it('the ring group mixes a device, a user and a group, as endpoint objects', async () => {
    // Act
    const { transcript } = await call('--route', 'bridging', '--to', '+12125550103');

    // Assess
    const ringGroup = actions(transcript)[0]!;
    expect(ringGroup.module).toBe('ring_group');
    expect((ringGroup.data['endpoints'] as { endpoint_type: string }[]).map((e) => e.endpoint_type)).toEqual(['device', 'user', 'group']);
    expect(transcript.ending).toBe('end-of-callflow');
  });
});

describe('npm run call: calls that fail', () => {
  it('a wrong token fails the pivot, exit status 1', async () => {
    // Act
    let out = '';
    const status = await runCallCommand(['--url', server().url, '--token', 'wrong', '--json'], {
      out: (t) => (out += t),
      err: () => undefined,
      env: {},
    });

    // Assess
    expect(status).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      failed: true,
      ending: 'pivot-failed',
      events: expect.arrayContaining([expect.objectContaining({ type: 'answer', status: 403 })]),
    });
  });
});
