import { afterEach, describe, expect, it } from '@jest/globals';
import { playCall, type SimulatedCall } from '../../../local/simulator/playCall';
import type { ActionEvent, AnswerEvent, Transcript } from '../../../local/simulator/transcript';
import { transcriptText } from '../../../local/simulator/transcriptText';
import { simulatedParty, VOICEMAIL } from '../../fixtures/simulatedCalls';
import { fakePivotServer, type FakeAnswer } from './fakePivotServer';

type Fake = Awaited<ReturnType<typeof fakePivotServer>>;
let fake: Fake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function play(script: FakeAnswer[], overrides: Partial<SimulatedCall> = {}): Promise<Transcript> {
  fake = await fakePivotServer(script);
  return playCall({
    voiceUrl: fake.url,
    method: 'get',
    body: 'form',
    format: 'twiml',
    // A TwiML caller carries no language: req_format=twiml sends none.
    party: simulatedParty({ language: undefined }),
    digits: [],
    answer: false,
    ...overrides,
  });
}

const xml = (body: string): FakeAnswer => ({ contentType: 'application/xml', body });
const said = (t: Transcript) => t.events.filter((e): e is ActionEvent => e.type === 'action').map((e) => e.text);

describe('call simulator: TwiML answers played as Kazoo plays them', () => {
  it('a Gather that hears digits POSTs them as a plain Digits string to its action', async () => {
    // Act
    const t = await play(
      [
        xml('<Response><Gather action="{{base}}/pivot/next" numDigits="2"><Say>PIN?</Say></Gather><Say>unheard</Say></Response>'),
        { body: VOICEMAIL },
      ],
      { digits: ['429'] },
    );

    // Assess
    expect(said(t)).toEqual(['say "PIN?"', 'gather (up to 2 digits): pressed 42', 'voicemail b7e2…']);
    const second = fake!.requests[1]!;
    expect(second.method).toBe('POST');
    expect(second.url).toBe('/pivot/next');
    expect(new URLSearchParams(second.body).get('Digits')).toBe('42');
    expect(t).toMatchObject({ failed: false, ending: 'voicemail', requests: 2 });
    expect(
      transcriptText(t)
        .split('\n')
        .filter((line) => line.startsWith('→ 2')),
    ).toEqual([expect.stringMatching(/^→ 2 {2}POST .*\/pivot\/next {2}\(twiml, form\) {2}Digits=42$/)]);
  });

  it('a silent Gather goes on to the next verb; a Redirect requests with the method it names', async () => {
    // Act
    const t = await play([
      xml(
        '<Response><Gather action="{{base}}/pivot/menu"><Say>Press 1</Say></Gather><Redirect method="GET">{{base}}/pivot/again</Redirect></Response>',
      ),
      xml('<Response><Hangup/></Response>'),
    ]);

    // Assess
    expect(said(t)).toContain('gather: nothing pressed (timeout): on to the next verb');
    expect(fake!.requests[1]!.method).toBe('GET');
    expect(fake!.requests[1]!.url.startsWith('/pivot/again?CallSid=call-1&')).toBe(true);
    expect(t).toMatchObject({ ending: 'hangup', failed: false });
  });

  it('variables a Set made come back as top-level parameters', async () => {
    // Act
    await play([
      xml('<Response><Set><Variable key="tier" value="gold"/></Set><Redirect>{{base}}/pivot/next</Redirect></Response>'),
      { body: VOICEMAIL },
    ]);

    // Assess
    expect(new URLSearchParams(fake!.requests[1]!.body).get('tier')).toBe('gold');
  });

  it('an unanswered Dial goes on to the next verb; after the last verb Kazoo hangs up', async () => {
    // Act
    const t = await play([
      xml('<Response><Dial timeout="20"><Device>a3f1c2d4e5f60718293a4b5c6d7e8f90</Device></Dial><Say>Sorry</Say></Response>'),
    ]);

    // Assess
    expect(said(t)).toEqual(['ring device a3f1… (20 s)', 'say "Sorry"']);
    expect(t).toMatchObject({ ending: 'end-of-callflow', failed: false });
  });

  it('an answered Dial connects the caller', async () => {
    // Act
    const t = await play([xml('<Response><Dial>+12125550100</Dial></Response>')], { answer: true });

    // Assess
    expect(t.ending).toBe('answered');
  });

  it('TwiML without a Content-Type is played, with a note to send application/xml', async () => {
    // Act
    const t = await play([{ contentType: null, body: '<Response><Reject reason="busy"/></Response>' }]);

    // Assess
    const answer = t.events.find((e): e is AnswerEvent => e.type === 'answer')!;
    expect(answer.note).toContain('send application/xml');
    expect(t).toMatchObject({ ending: 'response', failed: false });
  });

  it('a verb Kazoo does not know ends the call, and the transcript says which', async () => {
    // Act
    const t = await play([xml('<Response><Say>Hi</Say><Enqueue>support</Enqueue></Response>')]);

    // Assess
    expect(t).toMatchObject({ failed: true, ending: 'broken-answer' });
    expect(t.events.find((e): e is AnswerEvent => e.type === 'answer')!.problem).toContain(
      '/Response/Enqueue[1]: Kazoo has no TwiML verb <Enqueue>',
    );
  });
});
