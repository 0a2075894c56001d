/**
 * The only way a 200 leaves the Lambda. Kazoo reads a 200 as "run this": with
 * the wrong Content-Type or a node its schemas refuse, it hangs the call up
 * instead of falling back to the pivot's `_` child. So this either returns a
 * 200 that Kazoo will run, or throws InvalidCallflowError and lets the caller
 * answer a deliberate non-200 (or a fallback callflow).
 */
import type { CallflowNode } from './callflowNode';
import { InvalidCallflowError } from '../errors';
import { isWellFormedText, wellFormedText } from '../wellFormedText';
import { KAZOO_CALLFLOW_POLICY, validateCallflow, type CallflowPolicy } from './validateCallflow';
import { fixedJson } from './fixedAnswers';

export type PivotAnswer = {
  statusCode: 200;
  headers: { 'Content-Type': 'application/json' };
  body: string;
};

/** @throws InvalidCallflowError when the node is not a callflow Kazoo would accept. */
export function renderPivotAnswer(node: CallflowNode, policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY): PivotAnswer {
  // A route's fixed answer is written and checked like this once, then reused (fixedAnswers.ts).
  const body = fixedJson(node, policy, () => {
    const text = serialise(node);
    // Validate what Kazoo will actually receive: toJSON methods, undefined
    // values and non-plain objects can make the JSON differ from the object.
    const result = validateCallflow(JSON.parse(text), policy);
    if (!result.ok) throw new InvalidCallflowError(result.issues);
    return text;
  });
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body };
}

function serialise(node: CallflowNode): string {
  let body: string | undefined;
  try {
    body = JSON.stringify(node, wellFormedJson);
  } catch (cause) {
    // Cycles and BigInt values make JSON.stringify throw.
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidCallflowError([{ path: '', message: `cannot be written as JSON: ${reason}` }], { cause });
  }
  if (body === undefined) {
    throw new InvalidCallflowError([{ path: '', message: 'cannot be written as JSON' }]);
  }
  return body;
}

/**
 * The last guard against a lone surrogate (lib/wellFormedText.ts): JSON.stringify
 * would write it as a `\ud83d` escape, which Kazoo's decoder refuses, hanging the
 * call up. Every text and key goes out well-formed, whatever the node was built from.
 */
function wellFormedJson(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.every(isWellFormedText)) return value;
  return Object.fromEntries(keys.map((key) => [wellFormedText(key), (value as Record<string, unknown>)[key]]));
}
