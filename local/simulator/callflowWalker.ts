import type { CallflowNode } from '../../lib/callflow';
import { describeNode, shortId } from './describeNode';
import type { KazooCall } from './kazooCall';
import type { ActionEvent, EndReason } from './transcript';

/** Modules that ring someone: the call goes on to `_` only when nobody answers. */
const BRIDGES = new Set(['device', 'user', 'group', 'ring_group', 'page_group', 'resources', 'offnet']);

/** Modules after which Kazoo runs nothing more of this callflow. */
const TERMINAL: Record<string, EndReason> = {
  voicemail: 'voicemail',
  hangup: 'hangup',
  response: 'response',
  conference: 'conference',
  callflow: 'other-callflow',
  receive_fax: 'other-callflow',
  faxbox: 'other-callflow',
};

export type WalkResult = { kind: 'pivot'; node: CallflowNode } | { kind: 'end'; reason: EndReason; text: string };

/** The caller's keypresses, one entry per collect_dtmf; a missing entry is a timeout. */
export class DigitScript {
  #next = 0;
  constructor(private readonly entries: readonly string[]) {}
  take(): string | undefined {
    return this.entries[this.#next++];
  }
}

export type WalkOptions = { digits: DigitScript; answerBridges: boolean };

/**
 * Runs one callflow tree the way Kazoo's callflow executor does: each node,
 * then its `_` child, until a pivot (the caller makes the next request), a node
 * that ends the call, or a node without children (Kazoo hangs up).
 */
export function walkCallflow(root: CallflowNode, call: KazooCall, options: WalkOptions, emit: (event: ActionEvent) => void): WalkResult {
  let node: CallflowNode | undefined = root;
  while (node) {
    const { module, data } = node;
    const action: ActionEvent = { type: 'action', module, text: describeNode(module, data), data };

    if (data['skip_module'] === true) {
      emit({ ...action, text: `skip ${module} (skip_module)` });
    } else if (module === 'pivot') {
      emit(action);
      return { kind: 'pivot', node };
    } else if (BRIDGES.has(module)) {
      emit({ ...action, answered: options.answerBridges });
      if (options.answerBridges) return { kind: 'end', reason: 'answered', text: `answered: the caller is connected (${action.text})` };
    } else if (TERMINAL[module]) {
      emit(action);
      return { kind: 'end', reason: TERMINAL[module], text: endText(module, data, action.text) };
    } else {
      emit(applyToCall(action, call, options.digits));
    }
    node = node.children?.['_'];
  }
  return { kind: 'end', reason: 'end-of-callflow', text: 'end of the callflow: Kazoo hangs up' };
}

/** Nodes that change what Kazoo sends on later requests. */
function applyToCall(action: ActionEvent, call: KazooCall, digits: DigitScript): ActionEvent {
  const data = action.data;
  switch (action.module) {
    case 'collect_dtmf': {
      const name = typeof data['collection_name'] === 'string' ? data['collection_name'] : 'default';
      const max = typeof data['max_digits'] === 'number' ? data['max_digits'] : 1;
      const pressed = collected(digits.take(), max, terminatorsOf(data));
      // A timeout stores an empty string; collections stay on the call until flush_dtmf.
      call.collections[name] = pressed;
      const heard = pressed === '' ? 'nothing pressed (timeout)' : `pressed ${pressed}`;
      return { ...action, pressed, text: `collect ${name} (up to ${max} digit${max === 1 ? '' : 's'}): ${heard}` };
    }
    case 'flush_dtmf':
      for (const key of Object.keys(call.collections)) delete call.collections[key];
      return action;
    case 'set_variables':
      for (const [k, v] of Object.entries((data['custom_application_vars'] ?? {}) as Record<string, unknown>)) {
        call.customVars[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
      return action;
    case 'set_cid':
      if (typeof data['caller_id_name'] === 'string') call.callerIdName = data['caller_id_name'];
      if (typeof data['caller_id_number'] === 'string') call.callerIdNumber = data['caller_id_number'];
      return action;
    case 'language':
      if (typeof data['language'] === 'string') call.language = data['language'];
      return action;
    default:
      return action;
  }
}

/** What collect_dtmf keeps of a scripted entry: up to the first terminator, at most max_digits. */
export function collected(entry: string | undefined, max: number, terminators: string[]): string {
  if (!entry) return '';
  let digits = '';
  for (const ch of entry) {
    if (terminators.includes(ch)) break;
    digits += ch;
    if (digits.length >= max) break;
  }
  return digits;
}

function terminatorsOf(data: Record<string, unknown>): string[] {
  if (Array.isArray(data['terminators'])) return data['terminators'].filter((t): t is string => typeof t === 'string');
  return [typeof data['terminator'] === 'string' ? data['terminator'] : '#'];
}

function endText(module: string, data: Record<string, unknown>, described: string): string {
  if (module === 'voicemail') return `the caller reaches voicemail ${shortId(data['id'])}`;
  if (module === 'hangup') return 'Kazoo hangs up';
  if (module === 'response') return `Kazoo answers the call with SIP ${String(data['code'])}`;
  return described;
}
