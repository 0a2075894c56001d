import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { validateCallflow } from '../../lib/callflow/validateCallflow';
import { expectKazooValid } from '../support/kazooSchemas';

async function convert(twiml: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'convert-twiml-'));
  const file = join(dir, 'app.xml');
  await writeFile(file, twiml);
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(['convert-twiml', file], io);
  return { code, stdout, stderr };
}

function chain(node: CallflowNode | undefined): string[] {
  const out: string[] = [];
  for (let n = node; n; n = n.children?.['_']) out.push(n.module);
  return out;
}

const DEVICE = 'a3f1c2d4e5f60718293a4b5c6d7e8f90';
const USER = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

describe('npm run rules -- convert-twiml', () => {
  it.each<[string, string, string[]]>([
    [
      'speech, a pause, variables and a hang-up',
      '<Response><Say voice="woman" language="en-gb">Hello</Say><Pause length="2"/><Set><Variable key="tier" value="gold"/></Set><Hangup/></Response>',
      ['tts', 'sleep', 'set_variables', 'hangup'],
    ],
    [
      'a plain number',
      '<Response><Dial timeout="20">+1 (212) 555-0100</Dial><Play loop="0">https://media.example.com/sorry.mp3</Play></Response>',
      ['resources', 'play'],
    ],
    ['one device', `<Response><Dial><Device>${DEVICE}</Device></Dial></Response>`, ['device']],
    [
      'a user and a device',
      `<Response><Dial strategy="single"><User>${USER}</User><Device>${DEVICE}</Device></Dial></Response>`,
      ['ring_group'],
    ],
    ['a busy reject', '<Response><Reject reason="busy"/></Response>', ['response']],
    [
      'a Gather',
      '<Response><Gather action="https://ivr.example.com/menu" numDigits="1"><Say>Press 1</Say></Gather></Response>',
      ['tts', 'collect_dtmf', 'pivot'],
    ],
    [
      'a Redirect',
      '<Response><Say loop="2">Hold on</Say><Redirect method="GET">https://ivr.example.com/next</Redirect></Response>',
      ['tts', 'tts', 'pivot'],
    ],
  ])('%s: prints a callflow Kazoo accepts', async (_case, twiml, modules) => {
    // Act
    const result = await convert(twiml);

    // Assess
    expect(result.code).toBe(0);
    const node = JSON.parse(result.stdout) as CallflowNode;
    expect(chain(node)).toEqual(modules);
    expect(validateCallflow(node).ok).toBe(true);
    expectKazooValid(node);
  });

  it('carries the values over in Kazoo’s terms', async () => {
    // Act
    const result = await convert(
      '<Response><Say voice="man" language="en">Hi</Say><Dial timeout="15">+1 212-555-0100</Dial><Reject reason="busy"/></Response>',
    );

    // Assess
    const node = JSON.parse(result.stdout) as CallflowNode;
    expect(node.data).toEqual({ text: 'Hi', voice: 'male', language: 'en-US' });
    expect(node.children!['_']!.data).toEqual({ to_did: '+12125550100', timeout: 15 });
    expect(node.children!['_']!.children!['_']!.data).toEqual({ code: 486, message: 'busy' });
  });

  it('names each verb with no callflow equivalent, and prints no callflow', async () => {
    // Act
    const result = await convert(
      '<Response><Say>Leave a message</Say><Record action="https://rec.example.com/done"/><Dial><Sip>sip:desk@pbx.example.com</Sip></Dial></Response>',
    );

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('these verbs have no equivalent');
    expect(result.stderr).toContain('/Response/Record (verb 2): no callflow module records the caller');
    expect(result.stderr).toContain('/Response/Dial (verb 3): <Sip>: no callflow module dials a bare SIP URI');
  });

  it('says that verbs after a Gather never run in a callflow', async () => {
    // Act
    const result = await convert(
      '<Response><Gather action="https://ivr.example.com/menu"><Say>Press 1</Say></Gather><Say>Goodbye</Say></Response>',
    );

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/Response/Say: after <Gather> a callflow pivots whether or not a key was pressed');
  });

  it('refuses TwiML Kazoo cannot run at all, naming the element', async () => {
    // Act
    const result = await convert('<Response><Dial><Queue>support</Queue></Dial></Response>');

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Kazoo cannot run this TwiML');
    expect(result.stderr).toContain('/Response/Dial[1]/Queue[1]: Kazoo does not support <Queue>');
  });

  it('reports XML that is not well-formed with its line and column', async () => {
    // Act
    const result = await convert('<Response>\n  <Say>Hi</Sya>\n</Response>');

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not well-formed XML at line 2, column \d+/);
  });
});
