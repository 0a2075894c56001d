import { KAZOO_CALLFLOW_POLICY, validateCallflow, type CallflowNode, type CallflowPolicy } from '../../lib/callflow';
import type { HttpOutcome } from './pivotExchange';
import { parseTwiml, type TwimlElement } from '../../lib/twiml/twimlDocument';
import { checkTwimlSubset } from '../../lib/twiml/twimlSubset';

/**
 * How Kazoo takes one pivot answer (PIVOT-PROTOCOL.md, "The answer" and "When
 * things go wrong"): a callflow to run, a failed pivot (the pivot node's `_`
 * branch), a broken 200 (the call hangs up), or TwiML in the subset Kazoo
 * runs (anything else in it ends the call).
 */
export type KazooVerdict =
  | { kind: 'callflow'; node: CallflowNode; note?: string }
  | { kind: 'pivot-failed'; problem: string }
  | { kind: 'hangup'; problem: string }
  | { kind: 'twiml'; root: TwimlElement; note?: string };

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
      ? judgeTwiml(body, policy, 'no Content-Type: Kazoo reads the body as TwiML; send application/xml')
      : { kind: 'hangup', problem: 'no Content-Type, so Kazoo reads the body as TwiML; it is not, and the call ends' };
  }
  if (type === 'application/json') return judgeJson(body, policy);
  if (type === 'text/xml' || type === 'application/xml') {
    return looksLikeXml ? judgeTwiml(body, policy) : { kind: 'hangup', problem: `Content-Type ${type} but the body is not TwiML` };
  }
  // Any other type: Kazoo tries TwiML, then Kazoo JSON.
  if (looksLikeXml) return judgeTwiml(body, policy, `Content-Type ${type}: read as TwiML; send application/xml`);
  const verdict = judgeJson(body, policy);
  return verdict.kind === 'callflow'
    ? { ...verdict, note: `Content-Type ${type}: Kazoo tries TwiML first, then JSON; send application/json` }
    : verdict;
}

/** kzt_twiml: a `<Response>` whose every verb Kazoo runs; the first one it cannot ends the call. */
function judgeTwiml(body: string, policy: CallflowPolicy, note?: string): KazooVerdict {
  const parsed = parseTwiml(body);
  if (!parsed.ok) return { kind: 'hangup', problem: `the TwiML ${parsed.issue.message}` };
  const issues = checkTwimlSubset(parsed.root, {
    hasStep: () => false,
    allowLoopbackUrls: policy.allowLoopbackUrls,
  });
  if (issues.length > 0) {
    const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return { kind: 'hangup', problem: `TwiML outside what Kazoo runs (${first.join('; ')})` };
  }
  return note ? { kind: 'twiml', root: parsed.root, note } : { kind: 'twiml', root: parsed.root };
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
