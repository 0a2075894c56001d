import { afterEach, describe, expect, it } from '@jest/globals';
import { runCallCommand } from '../../../local/simulator/callCommand';
import { playCall, type SimulatedCall } from '../../../local/simulator/playCall';
import type { AnswerEvent, RequestEvent, Transcript } from '../../../local/simulator/transcript';
import { simulatedParty, VOICEMAIL } from '../../fixtures/simulatedCalls';
import { fakePivotServer, type FakeAnswer } from './fakePivotServer';

type Fake = Awaited<ReturnType<typeof fakePivotServer>>;
let fake: Fake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function call(voiceUrl: string, overrides: Partial<SimulatedCall> = {}): SimulatedCall {
  return {
    voiceUrl,
    method: 'get',
    body: 'form',
    format: 'kazoo',
    party: simulatedParty(),
    digits: [],
    answer: false,
    ...overrides,
  };
}

async function play(script: FakeAnswer[] | ((n: number) => FakeAnswer), overrides: Partial<SimulatedCall> = {}): Promise<Transcript> {
  fake = await fakePivotServer(script);
  return playCall(call(fake.url, overrides));
}

const answers = (t: Transcript) => t.events.filter((e): e is AnswerEvent => e.type === 'answer');
const requests = (t: Transcript) => t.events.filter((e): e is RequestEvent => e.type === 'request');
const pivotTo = (path: string, extra: object = {}) => ({ module: 'pivot', data: { voice_url: `{{base}}${path}`, ...extra } });

describe('call simulator: requests encoded as Kazoo encodes them', () => {
  it("appends Kazoo's parameters to the voice_url's own query, Kazoo-encoded", async () => {
    // Act
    await play([{ body: VOICEMAIL }], { party: { ...call('').party, userIds: ['u1', 'u2'] } });

    // Assess
    const url = fake!.requests[0]!.url;
    expect(url.startsWith('/pivot/fake?token=secret-token&Account-ID=')).toBe(true);
    expect(url).toContain('&Caller-ID-Name=Ada+Lovelace&Caller-ID-Number=%2B14155550123&');
    expect(url).toContain('&User-ID[]=u1&User-ID[]=u2');
    expect(fake!.requests[0]!.headers['x-pivot-clock']).toBeUndefined();
  });

  it('sends a collection that timed out as `Digits[name]=`, the bytes Kazoo sends for an empty value', async () => {
    // Prepare
    const collect = { module: 'collect_dtmf', data: { collection_name: 'menu', max_digits: 1 }, children: { _: pivotTo('/two') } };

    // Act: nothing pressed.
    await play([{ body: collect }, { body: VOICEMAIL }]);

    // Assess
    const two = fake!.requests[1]!.url;
    expect(two).toMatch(/&Digits\[menu\]=(&|$)/);
  });

  it('keeps collections until flush_dtmf and sends set_variables back as Custom-Application-Vars', async () => {
    // Prepare
    const first = {
      module: 'collect_dtmf',
      data: { collection_name: 'pin', max_digits: 4 },
      children: {
        _: { module: 'set_variables', data: { custom_application_vars: { account: '12345' } }, children: { _: pivotTo('/two') } },
      },
    };
    const second = { module: 'flush_dtmf', data: {}, children: { _: pivotTo('/three') } };

    // Act
    const t = await play([{ body: first }, { body: second }, { body: VOICEMAIL }], { digits: ['98765#'] });

    // Assess
    const [, two, three] = fake!.requests;
    expect(two!.url).toContain('Custom-Application-Vars[account]=12345');
    expect(two!.url).toContain('Digits[pin]=9876');
    expect(three!.url).toContain('Custom-Application-Vars[account]=12345');
    expect(three!.url).not.toContain('Digits');
    expect(t).toMatchObject({ failed: false, ending: 'voicemail', requests: 3, vars: { account: '12345' }, digits: {} });
  });

  it("follows a pivot node's method and body format: POST JSON with Digits as an object", async () => {
    // Prepare
    const first = {
      module: 'collect_dtmf',
      data: { collection_name: 'menu' },
      children: { _: pivotTo('/next?step=menu', { method: 'POST', req_body_format: 'json' }) },
    };

    // Act
    const t = await play([{ body: first }, { body: VOICEMAIL }], { digits: ['2'], at: new Date('2026-11-24T17:00:00Z') });

    // Assess
    const next = fake!.requests[1]!;
    expect(next.method).toBe('POST');
    expect(next.url).toBe('/next?step=menu');
    expect(next.headers['content-type']).toBe('application/json');
    expect(next.headers['x-pivot-clock']).toBe('2026-11-24T17:00:00.000Z');
    expect(JSON.parse(next.body)).toMatchObject({ 'Call-ID': 'call-1', Digits: { menu: '2' } });
    expect(requests(t)[1]).toMatchObject({ method: 'POST', body: 'json', format: 'kazoo' });
  });
});

describe('call simulator: answers judged as Kazoo judges them', () => {
  it.each<[string, FakeAnswer, string]>([
    ['JSON without a Content-Type', { contentType: null, body: VOICEMAIL }, 'no Content-Type'],
    ['a body that is not JSON', { body: '{"module":' }, 'not valid JSON'],
    [
      'a node that fails the schema',
      { body: { module: 'ring_group', data: { endpoints: ['a3f1c2d4e5f60718293a4b5c6d7e8f90'] } } },
      "fails Kazoo's schema",
    ],
    ['an empty 200', { body: '' }, 'empty body'],
  ])('a 200 with %s hangs the call up', async (_name, answer, problem) => {
    // Act
    const t = await play([answer]);

    // Assess
    expect(t).toMatchObject({ failed: true, ending: 'broken-answer' });
    expect(answers(t)[0]!.problem).toContain(problem);
  });

  it("a non-200 from a later pivot takes that pivot node's _ branch, and the call counts as failed", async () => {
    // Prepare
    const first = { module: 'tts', data: { text: 'One moment' }, children: { _: { ...pivotTo('/broken'), children: { _: VOICEMAIL } } } };

    // Act
    const t = await play([{ body: first }, { status: 503, body: { error: 'unavailable', message: 'cannot route this call right now' } }]);

    // Assess
    expect(answers(t)[1]).toMatchObject({
      status: 503,
      verdict: 'pivot-failed',
      kazoo: "pivot failed: Kazoo takes the pivot node's _ branch",
    });
    expect(t).toMatchObject({ failed: true, ending: 'voicemail' });
  });

  it('a 206 is read like a 200', async () => {
    // Act
    const t = await play([{ status: 206, body: VOICEMAIL }]);

    // Assess
    expect(t).toMatchObject({ failed: false, ending: 'voicemail' });
  });

  it('an answer slower than req_timeout_ms fails the pivot', async () => {
    // Prepare
    const first = { ...pivotTo('/slow', { req_timeout_ms: 100 }), children: { _: { module: 'hangup', data: {} } } };

    // Act
    const t = await play([{ body: first }, { body: VOICEMAIL, delayMs: 1000 }]);

    // Assess
    expect(answers(t)[1]).toMatchObject({ verdict: 'pivot-failed' });
    expect(answers(t)[1]!.problem).toContain('no answer within 100 ms');
    expect(t).toMatchObject({ failed: true, ending: 'hangup' });
  });

  it('stops a call whose answers pivot back forever', async () => {
    // Act
    const t = await play(() => ({ body: pivotTo('/again') }), { maxRequests: 5 });

    // Assess
    expect(t).toMatchObject({ failed: true, ending: 'request-limit', requests: 5 });
  });
});

describe('npm run call: exit status', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: {} } };
  };

  it('is 1 when Kazoo would hang up on a broken answer, and says why', async () => {
    // Prepare
    fake = await fakePivotServer([{ contentType: null, body: VOICEMAIL }]);
    const { out, io: streams } = io();

    // Act
    const status = await runCallCommand(['--url', fake.url], streams);

    // Assess
    expect(status).toBe(1);
    expect(out.join('\n')).toContain('Kazoo hangs up');
    expect(out.join('\n')).not.toContain('secret-token');
  });

  it('is 0 for a TwiML answer played to its end', async () => {
    // Prepare
    fake = await fakePivotServer([{ contentType: 'text/xml', body: '<Response><Say>Bye</Say><Hangup/></Response>' }]);
    const { out, io: streams } = io();

    // Act
    const status = await runCallCommand(['--url', fake.url], streams);

    // Assess
    expect(status).toBe(0);
    expect(out.join('\n')).toContain('say "Bye"');
  });

  it('is 1 for TwiML Kazoo cannot run, naming the verb', async () => {
    // Prepare
    fake = await fakePivotServer([{ contentType: 'application/xml', body: '<Response><Dial><Queue>support</Queue></Dial></Response>' }]);
    const { out, io: streams } = io();

    // Act
    const status = await runCallCommand(['--url', fake.url], streams);

    // Assess
    expect(status).toBe(1);
    expect(out.join('\n')).toContain('/Response/Dial[1]/Queue[1]: Kazoo does not support <Queue>');
  });

  it('is 2 for options it cannot use', async () => {
    // Prepare
    const { out, io: streams } = io();

    // Act
    const status = await runCallCommand(['--method', 'put'], streams);

    // Assess
    expect(status).toBe(2);
    expect(out.join('\n')).toContain('--method must be get or post');
  });
});
