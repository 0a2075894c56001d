import type { CallflowNode } from '../callflow/callflowNode';
import type { Decision } from '../rules/decideAnswer';
import { describeOutcome } from '../rules/outcome';

/**
 * What a caller gets, reduced to what tells two answers apart: `key` is equal
 * for equal answers (the same callflow or the same IVR step), `words` says it
 * for people ("ring group \"Sales\"", "voicemail b7e2…", "step menu"), and
 * `via` names the rule or fallback that chose it (describeOutcome's text).
 */
export type AnswerSummary = { key: string; words: string; via: string };

export const UNAVAILABLE_WORDS = 'no answer (503: Kazoo takes the pivot _ branch)';

export function summarizeDecision(decision: Decision): AnswerSummary {
  const via = describeOutcome(decision.outcome);
  if (decision.awaiting) return { key: `step:${decision.awaiting.step}`, words: `step ${decision.awaiting.step}`, via };
  if (decision.twiml !== undefined) return { key: `twiml:${decision.twiml}`, words: 'a TwiML answer', via };
  if (!decision.node) return { key: 'unavailable', words: UNAVAILABLE_WORDS, via };
  return { key: `callflow:${canonicalJson(decision.node)}`, words: describeCallflow(decision.node), via };
}

/** The first node in words, then what follows it on `_` ("ring device a3f1… → voicemail b7e2…"). */
export function describeCallflow(node: CallflowNode, depth = 0): string {
  const here = describeModule(node.module, node.data);
  const next = node.children?.['_'];
  return next && depth < 3 ? `${here} → ${describeCallflow(next, depth + 1)}` : here;
}

type Data = Record<string, unknown>;

const shortId = (id: unknown) =>
  typeof id === 'string' && /^[0-9a-f]{32}$/i.test(id) ? `${id.slice(0, 4)}…` : typeof id === 'string' ? id : '';
const named = (data: Data) => (typeof data['name'] === 'string' ? ` "${data['name']}"` : '');
const withId = (words: string, data: Data) => `${words}${data['id'] !== undefined ? ` ${shortId(data['id'])}` : ''}`;

const WORDS: Record<string, (data: Data) => string> = {
  device: (d) => withId('ring device', d),
  user: (d) => withId('ring user', d),
  group: (d) => withId('ring group', d),
  ring_group: (d) => `ring group${named(d)}`,
  page_group: (d) => `page group${named(d)}`,
  voicemail: (d) => withId('voicemail', d),
  resources: (d) => `dial ${typeof d['to_did'] === 'string' ? d['to_did'] : 'out'}`,
  hangup: () => 'hang up',
  tts: () => 'say',
  play: () => 'play',
  conference: (d) => withId('conference', d),
  callflow: (d) => withId('callflow', d),
  response: (d) => `respond ${String(d['code'] ?? '')}`.trim(),
};

function describeModule(module: string, data: Data): string {
  return WORDS[module]?.(data) ?? module.replaceAll('_', ' ');
}

/** JSON with object keys sorted, so equal callflows give equal keys whatever order they were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
