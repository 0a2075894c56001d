import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnswerEvent, RequestEvent, Transcript } from '../../local/simulator/transcript';
import { startLocalServer, type LocalServer } from '../../local/startLocalServer';
import { actions, simulateCall } from '../local/support/simulateCall';

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dynamoPort: 0 });
});

afterAll(async () => {
  await server.close();
});

const call = (...args: string[]) => simulateCall(server, ['--route', 'twiml-hotline', ...args]);
const walk = (t: Transcript) => actions(t).map((a) => a.text);
const answers = (t: Transcript) => t.events.filter((e): e is AnswerEvent => e.type === 'answer');

/** Each answer was judged as Kazoo would: TwiML in the subset Kazoo runs (else the verdict is a hang-up), or a valid callflow. */
function expectEveryAnswerRuns(t: Transcript, verdicts: AnswerEvent['verdict'][]) {
  expect(answers(t).map((a) => a.verdict)).toEqual(verdicts);
  expect(
    answers(t)
      .filter((a) => a.verdict === 'twiml')
      .every((a) => a.contentType === 'application/xml'),
  ).toBe(true);
  expect(t.failed).toBe(false);
}

describe('npm run call: the TwiML hotline, end to end through the local server', () => {
  it.each([
    ['GET, kazoo', []],
    ['POST JSON, kazoo', ['--method', 'post', '--body', 'json']],
    ['GET, twiml', ['--format', 'twiml']],
  ])('pressing 1 (%s) hands the key to the menu step, whose TwiML option says the opening hours and hangs up', async (_how, how) => {
    // Act
    const { status, transcript } = await call('--digits', '1', ...how);

    // Assess
    expect(status).toBe(0);
    expectEveryAnswerRuns(transcript, ['twiml', 'twiml']);
    expect(walk(transcript)).toEqual([
      'say "Hello Ada Lovelace. For opening hours, press 1. For the front desk, press 2."',
      'gather (up to 1 digit): pressed 1',
      'say "We are open from nine to five, Monday to Friday."',
      'wait 1 s',
      'hang up',
    ]);
    const followUp = transcript.events.filter((e): e is RequestEvent => e.type === 'request')[1]!;
    expect(followUp).toMatchObject({ method: 'POST', params: { Digits: '1' } });
    expect(followUp.url).toContain('step=menu');
    expect(transcript.ending).toBe('hangup');
  });

  it('pressing 2 rings the front desk, then says goodbye when nobody answers', async () => {
    // Act
    const { transcript } = await call('--digits', '2');

    // Assess
    expectEveryAnswerRuns(transcript, ['twiml', 'twiml']);
    expect(walk(transcript).slice(-2)).toEqual(['ring device a3f1… (20 s)', 'say "Nobody is free right now. Goodbye."']);
  });

  it('silence: the Redirect counts as no input, the step asks again as a callflow, and gives up with its TwiML onFailure', async () => {
    // Act
    const { status, transcript } = await call();

    // Assess
    expect(status).toBe(0);
    expectEveryAnswerRuns(transcript, ['twiml', 'callflow', 'callflow', 'twiml']);
    expect(walk(transcript)).toContain('say "We did not hear a choice."');
    expect(walk(transcript).slice(-2)).toEqual(['say "Goodbye."', 'hang up']);
  });

  it('a wrong key, then the right one: the retry collects by callflow and the option still answers TwiML', async () => {
    // Act
    const { transcript } = await call('--digits', '9,1');

    // Assess
    expectEveryAnswerRuns(transcript, ['twiml', 'callflow', 'twiml']);
    expect(walk(transcript)).toContain('say "Sorry, that is not an option."');
    expect(walk(transcript).at(-1)).toBe('hang up');
  });
});
