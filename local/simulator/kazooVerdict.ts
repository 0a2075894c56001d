import { KAZOO_CALLFLOW_POLICY, validateCallflow, type CallflowNode, type CallflowPolicy } from '../../lib/callflow';
import type { HttpOutcome } from './pivotExchange';

/**
 * How Kazoo takes one pivot answer (PIVOT-PROTOCOL.md, "The answer" and "When
 * things go wrong"): a callflow to run, a failed pivot (the pivot node's `_`
 * branch), a broken 200 (the call hangs up), or TwiML, which this simulator
 * does not play.
 */
export type KazooVerdict =
  | { kind: 'callflow'; node: CallflowNode; note?: string }
  | { kind: 'pivot-failed'; problem: string }
  | { kind: 'hangup'; problem: string }
  | { kind: 'twiml'; problem: string };

export function kazooVerdict(outcome: HttpOutcome, policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY): KazooVerdict {
  if (outcome.kind === 'timeout') {
    return {
      kind: 'pivot-failed',
      problem: `no answer within ${outcome.timeoutMs} ms (Kazoo 4.3 moves on at once; master first waits ~10 s in silence)`,
    };
  }
  if (outcome.kind === 'unreachable') return { kind: 'pivot-failed', problem: `cannot connect: ${outcome.message}` };

  const { status, body } = outcome;
  if (status !== 200 && status !== 206) return { kind: 'pivot-failed', problem: `HTTP ${status}${errorHint(body)}` };
  if (body.trim() === '') return { kind: 'hangup', problem: `HTTP ${status} with an empty body` };

  const type = outcome.contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
  const looksLikeXml = body.trimStart().startsWith('<');
  if (type === undefined) {
    return looksLikeXml
      ? { kind: 'twiml', problem: 'no Content-Type: Kazoo reads the body as TwiML' }
      : { kind: 'hangup', problem: 'no Content-Type, so Kazoo reads the body as TwiML; it is not, and the call ends' };
  }
  if (type === 'application/json') return judgeJson(body, policy);
  if (type === 'text/xml' || type === 'application/xml') {
    return looksLikeXml
      ? { kind: 'twiml', problem: `Content-Type ${type}: a TwiML answer` }
      : { kind: 'hangup', problem: `Content-Type ${type} but the body is not TwiML` };
  }
  // Any other type: Kazoo tries TwiML, then Kazoo JSON.
  if (looksLikeXml) return { kind: 'twiml', problem: `Content-Type ${type}: read as TwiML` };
  const verdict = judgeJson(body, policy);
  return verdict.kind === 'callflow'
    ? { ...verdict, note: `Content-Type ${type}: Kazoo tries TwiML first, then JSON; send application/json` }
    : verdict;
}

function judgeJson(body: string, policy: CallflowPolicy): KazooVerdict {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'hangup', problem: 'the body is not valid JSON' };
  }
  const result = validateCallflow(value, policy);
  if (!result.ok) {
    const issues = result.issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'}: ${i.message}`)
      .join('; ');
    return { kind: 'hangup', problem: `the callflow fails Kazoo's schema (${issues})` };
  }
  return { kind: 'callflow', node: result.node };
}

/** The handler's own JSON error message, when there is one: it usually says what to fix. */
function errorHint(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    return typeof message === 'string' ? ` (${message})` : '';
  } catch {
    return '';
  }
}
