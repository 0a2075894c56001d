/**
 * Plays a TwiML answer the way Kazoo's kzt_twiml runs it: verbs in order;
 * a Gather that hears digits, a Redirect, a Record or a Dial with an action
 * makes the next request (POST unless `method` says otherwise); Hangup and
 * Reject end the call; after the last verb Kazoo hangs up. The document was
 * checked against Kazoo's subset before (kazooVerdict), so every verb here is
 * one Kazoo runs.
 */
import { elementsOf, textOf, type TwimlElement } from '../../lib/twiml/twimlDocument';
import { collected, type WalkOptions } from './callflowWalker';
import { shortId } from './describeNode';
import type { KazooCall } from './kazooCall';
import { maskToken, type ActionEvent, type EndReason } from './transcript';

export type TwimlResult = { kind: 'request'; url: string; method: 'get' | 'post' } | { kind: 'end'; reason: EndReason; text: string };

type Emit = (event: ActionEvent) => void;

export function playTwiml(root: TwimlElement, call: KazooCall, options: WalkOptions, emit: Emit): TwimlResult {
  for (const verb of elementsOf(root)) {
    const result = playVerb(verb, call, options, emit);
    if (result) return result;
  }
  return { kind: 'end', reason: 'end-of-callflow', text: 'end of the TwiML: Kazoo hangs up' };
}

function event(verb: TwimlElement, text: string, extra: Partial<ActionEvent> = {}): ActionEvent {
  return { type: 'action', module: `twiml:${verb.name}`, text, data: { ...verb.attributes, text: textOf(verb) }, ...extra };
}

function requestTo(verb: TwimlElement, url: string): TwimlResult {
  return { kind: 'request', url, method: verb.attributes['method']?.toLowerCase() === 'get' ? 'get' : 'post' };
}

function playVerb(verb: TwimlElement, call: KazooCall, options: WalkOptions, emit: Emit): TwimlResult | undefined {
  const a = verb.attributes;
  switch (verb.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      emit(event(verb, describeMedia(verb)));
      return undefined;
    case 'Set':
      for (const variable of elementsOf(verb)) call.twimlVars[variable.attributes['key']!] = variable.attributes['value'] ?? '';
      emit(
        event(
          verb,
          `set ${elementsOf(verb)
            .map((v) => `${v.attributes['key']}=${v.attributes['value'] ?? ''}`)
            .join(', ')}`,
        ),
      );
      return undefined;
    case 'Gather': {
      for (const nested of elementsOf(verb)) emit(event(nested, describeMedia(nested)));
      const max = a['numDigits'] ? Number(a['numDigits']) : Number.POSITIVE_INFINITY;
      const finish = a['finishOnKey'] ?? '#';
      const pressed = collected(options.digits.take(), max, finish === '' ? [] : [finish]);
      const heard = pressed === '' ? 'nothing pressed (timeout): on to the next verb' : `pressed ${pressed}`;
      emit(event(verb, `gather${Number.isFinite(max) ? ` (up to ${max} digit${max === 1 ? '' : 's'})` : ''}: ${heard}`, { pressed }));
      if (pressed === '') return undefined;
      call.gathered = pressed;
      return requestTo(verb, a['action']!);
    }
    case 'Record':
      emit(event(verb, `record the caller${a['maxLength'] ? ` (up to ${a['maxLength']} s)` : ''}`));
      return requestTo(verb, a['action']!);
    case 'Dial': {
      emit(event(verb, describeDial(verb), { answered: options.answerBridges }));
      if (options.answerBridges)
        return { kind: 'end', reason: 'answered', text: `answered: the caller is connected (${describeDial(verb)})` };
      return a['action'] ? requestTo(verb, a['action']) : undefined;
    }
    case 'Redirect':
      emit(event(verb, `redirect ${(a['method'] ?? 'POST').toUpperCase()} ${maskToken(textOf(verb))}`));
      return requestTo(verb, textOf(verb));
    case 'Hangup':
      emit(event(verb, 'hang up'));
      return { kind: 'end', reason: 'hangup', text: 'Kazoo hangs up' };
    case 'Reject': {
      const code = a['reason'] === 'busy' ? 486 : 503;
      emit(event(verb, `reject ${code}`));
      return { kind: 'end', reason: 'response', text: `Kazoo rejects the call with SIP ${code}` };
    }
    default:
      return { kind: 'end', reason: 'broken-answer', text: `Kazoo stops at the unknown verb <${verb.name}>` };
  }
}

function describeMedia(verb: TwimlElement): string {
  if (verb.name === 'Say') return `say "${textOf(verb)}"`;
  if (verb.name === 'Play') return `play ${textOf(verb)}`;
  return `wait ${verb.attributes['length'] ?? '1'} s`;
}

function describeDial(verb: TwimlElement): string {
  const seconds = verb.attributes['timeout'] ? ` (${verb.attributes['timeout']} s)` : '';
  const number = textOf(verb);
  if (number !== '') return `dial ${number}${seconds}`;
  const nouns = elementsOf(verb).map(
    (n) => `${n.name.toLowerCase()} ${n.name === 'User' || n.name === 'Device' ? shortId(textOf(n)) : textOf(n)}`,
  );
  return `ring ${nouns.join(', ')}${seconds}`;
}
