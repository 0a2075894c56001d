import { afterEach, describe, expect, it } from '@jest/globals';
import { runCallCommand } from '../../../local/simulator/callCommand';
import { playCall, type SimulatedCall } from '../../../local/simulator/playCall';
import type { AnswerEvent, Transcript } from '../../../local/simulator/transcript';
import { simulatedParty, VOICEMAIL } from '../../fixtures/simulatedCalls';
import { fakePivotServer } from './fakePivotServer';

type Fake = Awaited<ReturnType<typeof fakePivotServer>>;
const fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const PARTY = simulatedParty();

/** A two-region pivot node: `first` (whatever it does), `_` a pivot to a healthy second region, then voicemail. */
async function chain(first: { status?: number; delayMs?: number } | 'closed') {
  const second = await fakePivotServer([{ body: VOICEMAIL }]);
  fakes.push(second);
  let firstUrl = 'http://127.0.0.1:9/pivot/fake?token=t';
  if (first !== 'closed') {
    const fake = await fakePivotServer([{ body: { error: 'down' }, ...first }]);
    fakes.push(fake);
    firstUrl = fake.url;
  }
  const entry = {
    module: 'pivot',
    data: { voice_url: firstUrl, req_timeout_ms: 300 },
    children: { _: { module: 'pivot', data: { voice_url: `${second.url}&hop=1` }, children: { _: VOICEMAIL } } },
  };
  return { entry, second };
}

async function play(entry: object, overrides: Partial<SimulatedCall> = {}) {
  const waits: number[] = [];
  const transcript = await playCall({
    voiceUrl: '',
    entry: entry as SimulatedCall['entry'],
    method: 'get',
    body: 'form',
    format: 'kazoo',
    party: PARTY,
    digits: [],
    answer: false,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return { transcript, waits };
}

const firstAnswer = (t: Transcript) => t.events.find((e): e is AnswerEvent => e.type === 'answer')!;

describe("the simulator follows the pivot node's _ chain as Kazoo does", () => {
  it.each([
    ['a quick 503', '4.3', 0, { status: 503 }],
    ['a quick 503', 'master', 0, { status: 503 }],
    ['a timeout', '4.3', 0, { delayMs: 600 }],
    ['a timeout', 'master', 10_000, { delayMs: 600 }],
    ['a closed port', '4.3', 0, 'closed'],
    ['a closed port', 'master', 10_000, 'closed'],
  ] as const)('%s on Kazoo %s: the second region answers after %d ms of silence', async (_what, version, silence, first) => {
    // Prepare
    const { entry, second } = await chain(first);

    // Act
    const { transcript, waits } = await play(entry, { kazooVersion: version });

    // Assess
    expect(transcript.ending).toBe('voicemail');
    expect(transcript.failed).toBe(false);
    expect(transcript.failovers).toBe(1);
    expect(transcript.silenceMs).toBe(silence);
    expect(waits).toEqual(silence ? [silence] : []);
    expect(second.requests).toHaveLength(1);
    expect(firstAnswer(transcript).kazoo).toContain('(failover)');
  });

  it('a failed pivot whose _ is not a pivot still fails the call (no region took it)', async () => {
    // Prepare
    const fake = await fakePivotServer([{ status: 503, body: {} }]);
    fakes.push(fake);

    // Act
    const { transcript } = await play({ module: 'pivot', data: { voice_url: fake.url }, children: { _: VOICEMAIL } });

    // Assess
    expect(transcript.failed).toBe(true);
    expect(transcript.failovers).toBe(0);
    expect(transcript.ending).toBe('voicemail');
  });
});

describe('npm run call -- --node / --kazoo-version', () => {
  it('refuses a Kazoo version it does not know and a node that is not a pivot', async () => {
    // Prepare
    let err = '';
    const io = { out: () => undefined, err: (text: string) => (err += text), env: {} };

    // Act
    const badVersion = await runCallCommand(['--kazoo-version', '5.1'], io);
    const badNode = await runCallCommand(['--node', 'examples/main-number.json'], io);

    // Assess
    expect(badVersion).toBe(2);
    expect(badNode).toBe(2);
    expect(err).toContain('--kazoo-version must be 4.3 or master, got "5.1"');
    expect(err).toContain('--node examples/main-number.json must hold a pivot callflow node with a voice_url');
  });
});
