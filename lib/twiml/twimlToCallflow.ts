/**
 * The Kazoo callflow that does what a TwiML document does, verb by verb, for
 * `npm run rules -- convert-twiml`: an operator moving a TwiML application to
 * callflows sees what carries over and what does not. A verb with no callflow
 * equivalent is reported, never approximated silently.
 */
import type { CallflowNode } from '../callflow/callflowNode';
import { elementsOf, textOf, type TwimlElement } from './twimlDocument';

export type MissingEquivalent = { where: string; verb: string; why: string };
export type TwimlConversion =
  | { ok: true; node: CallflowNode; notes: string[] }
  | { ok: false; missing: MissingEquivalent[]; notes: string[] };

type Converted = { nodes: { module: string; data: Record<string, unknown> }[]; notes?: string[] } | { why: string };

/** Kazoo's tts text limit (callflows.tts); TwiML Say takes up to 4000. */
const TTS_MAX_CHARS = 1000;
/** Loops repeated as copies of the node; more would be a wall of JSON. */
const MAX_COPIES = 10;

/** The callflow for an already subset-checked document (checkTwimlSubset found nothing). */
export function twimlToCallflow(root: TwimlElement): TwimlConversion {
  const missing: MissingEquivalent[] = [];
  const notes: string[] = [];
  const chain: { module: string; data: Record<string, unknown> }[] = [];
  const verbs = elementsOf(root);
  for (const [i, verb] of verbs.entries()) {
    const where = `/Response/${verb.name} (verb ${i + 1})`;
    const converted = convertVerb(verb);
    if ('why' in converted) missing.push({ where, verb: verb.name, why: converted.why });
    else {
      chain.push(...converted.nodes);
      notes.push(...(converted.notes ?? []).map((note) => `${where}: ${note}`));
    }
    const rest = verbs.length - i - 1;
    if (rest > 0 && (verb.name === 'Gather' || verb.name === 'Redirect')) {
      const after = verb.name === 'Gather' ? 'a callflow pivots whether or not a key was pressed' : 'Kazoo requests the new URL';
      for (const later of verbs.slice(i + 1)) {
        missing.push({ where: `/Response/${later.name}`, verb: later.name, why: `after <${verb.name}> ${after}, so it never runs` });
      }
      break;
    }
    if (verb.name === 'Hangup' || verb.name === 'Reject') break;
  }
  if (missing.length > 0 || chain.length === 0) {
    return {
      ok: false,
      missing: chain.length === 0 && missing.length === 0 ? [{ where: '/Response', verb: 'Response', why: 'holds no verb' }] : missing,
      notes,
    };
  }
  return { ok: true, node: linked(chain), notes };
}

function linked(chain: { module: string; data: Record<string, unknown> }[]): CallflowNode {
  let node: CallflowNode | undefined;
  for (const { module, data } of [...chain].reverse()) node = node ? { module, data, children: { _: node } } : { module, data };
  return node!;
}

function convertVerb(verb: TwimlElement): Converted {
  const a = verb.attributes;
  switch (verb.name) {
    case 'Say':
      return say(verb);
    case 'Play':
      return play(verb);
    case 'Pause':
      return { nodes: [{ module: 'sleep', data: { duration: Number(a['length'] ?? 1), unit: 's' } }] };
    case 'Hangup':
      return { nodes: [{ module: 'hangup', data: {} }] };
    case 'Reject': {
      const busy = a['reason'] === 'busy';
      const data: Record<string, unknown> = { code: busy ? 486 : 503, message: busy ? 'busy' : 'rejected' };
      if (a['prompt']) data['media'] = a['prompt'];
      return { nodes: [{ module: 'response', data }] };
    }
    case 'Set': {
      const vars = Object.fromEntries(elementsOf(verb).map((v) => [v.attributes['key']!, v.attributes['value'] ?? '']));
      return {
        nodes: [{ module: 'set_variables', data: { custom_application_vars: vars } }],
        notes: ['later requests carry the variables as Custom-Application-Vars[…], not as top-level parameters'],
      };
    }
    case 'Redirect':
      return { nodes: [pivotTo(textOf(verb), a['method'])] };
    case 'Gather':
      return gather(verb);
    case 'Dial':
      return dial(verb);
    case 'Record':
      return { why: 'no callflow module records the caller and posts the recording to a URL (a voicemail box records messages)' };
    default:
      return { why: 'not a verb Kazoo runs' };
  }
}

function loopCount(verb: TwimlElement): number {
  return Number(verb.attributes['loop'] ?? 1);
}

function terminators(verb: TwimlElement): Record<string, unknown> {
  const keys = verb.attributes['terminators'];
  return keys ? { terminators: [...keys] } : {};
}

function say(verb: TwimlElement): Converted {
  const text = textOf(verb);
  if ([...text].length > TTS_MAX_CHARS) return { why: `the text is longer than the ${TTS_MAX_CHARS} characters a tts node takes` };
  const a = verb.attributes;
  const data: Record<string, unknown> = { text, ...terminators(verb) };
  if (a['voice']) data['voice'] = a['voice'] === 'man' || a['voice'] === 'male' ? 'male' : 'female';
  if (a['language']) data['language'] = a['language'] === 'en' ? 'en-US' : a['language'] === 'en-gb' ? 'en-GB' : a['language'];
  if (a['engine']) return { why: `the tts node takes only Kazoo's engine names, not "${a['engine']}"` };
  const loops = loopCount(verb);
  if (loops === 0) return { nodes: [{ module: 'tts', data: { ...data, endless_playback: true } }] };
  if (loops > MAX_COPIES) return { why: `loop="${loops}": a callflow would need ${loops} tts nodes` };
  return { nodes: Array.from({ length: loops }, () => ({ module: 'tts', data })) };
}

function play(verb: TwimlElement): Converted {
  const data: Record<string, unknown> = { id: textOf(verb), ...terminators(verb) };
  const loops = loopCount(verb);
  if (loops === 0) data['endless_playback'] = true;
  else if (loops > 1) data['loop_count'] = loops;
  return { nodes: [{ module: 'play', data }] };
}

function gather(verb: TwimlElement): Converted {
  const nodes: { module: string; data: Record<string, unknown> }[] = [];
  for (const nested of elementsOf(verb)) {
    const converted = convertVerb(nested);
    if ('why' in converted) return { why: `its <${nested.name}>: ${converted.why}` };
    nodes.push(...converted.nodes);
  }
  const a = verb.attributes;
  const collect: Record<string, unknown> = { max_digits: Number(a['numDigits'] ?? 64), timeout: Number(a['timeout'] ?? 5) * 1000 };
  if (a['finishOnKey'] !== '') collect['terminator'] = a['finishOnKey'] ?? '#';
  nodes.push({ module: 'collect_dtmf', data: collect }, pivotTo(a['action'] ?? '', a['method']));
  return {
    nodes,
    notes: [
      'the digits arrive as Digits[default]=… (a collection), not as a plain Digits string',
      ...(a['numDigits'] ? [] : ['no numDigits: collect_dtmf stops at 64 digits, the terminator or the timeout']),
    ],
  };
}

function dial(verb: TwimlElement): Converted {
  const a = verb.attributes;
  if (a['action']) return { why: 'a callflow cannot request a URL once the dialled call ends (action=)' };
  const dropped = ['callerId', 'hangupOnStar', 'hangupOn', 'record', 'timeLimit'].filter((k) => a[k] !== undefined);
  if (dropped.length > 0) return { why: `${dropped.join(', ')} ${dropped.length === 1 ? 'has' : 'have'} no equivalent on a bridging node` };
  const timeout = a['timeout'] !== undefined ? { timeout: Number(a['timeout']) } : {};
  const number = textOf(verb);
  if (number !== '') return { nodes: [{ module: 'resources', data: { to_did: dialable(number), ...timeout } }] };
  const nouns = elementsOf(verb);
  const [only] = nouns;
  if (nouns.length === 1 && only!.name === 'Number') {
    if (only!.attributes['sendDigits']) return { why: 'sendDigits has no equivalent on the resources node' };
    return { nodes: [{ module: 'resources', data: { to_did: dialable(textOf(only!)), ...timeout } }] };
  }
  const noEquivalent = nouns.find((n) => n.name !== 'User' && n.name !== 'Device');
  if (noEquivalent) {
    const why = {
      Number: 'a number cannot ring alongside users and devices in one callflow node',
      Sip: 'no callflow module dials a bare SIP URI (create a device for it)',
      Conference: "Kazoo's TwiML builds the conference on the fly; a conference node needs a conference document",
    }[noEquivalent.name];
    return { why: `<${noEquivalent.name}>: ${why ?? 'not a noun Kazoo dials'}` };
  }
  if (nouns.length === 1) return { nodes: [{ module: only!.name.toLowerCase(), data: { id: textOf(only!), ...timeout } }] };
  const endpoints = nouns.map((n) => ({ id: textOf(n), endpoint_type: n.name.toLowerCase() }));
  return {
    nodes: [{ module: 'ring_group', data: { endpoints, strategy: a['strategy'] === 'single' ? 'single' : 'simultaneous', ...timeout } }],
  };
}

/** What Kazoo's kzt_twiml_dial dials: the digits and the + of the text. */
function dialable(text: string): string {
  return text.replace(/[^0-9+]/g, '');
}

function pivotTo(url: string, method: string | undefined): { module: string; data: Record<string, unknown> } {
  // TwiML follow-ups default to POST; the application answering them expects TwiML parameters.
  return { module: 'pivot', data: { voice_url: url, method: (method ?? 'post').toLowerCase(), req_format: 'twiml' } };
}
