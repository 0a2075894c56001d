import type { CallflowNode } from '../../lib/callflow/callflowNode';
import type { PivotResult } from '../../lib/pivot/answerPivotRequest';
import { funnelEvents } from '../../lib/pivot/ivrFunnel';
import { describeCallflow, UNAVAILABLE_WORDS } from '../../lib/preview/answerSummary';
import type { PivotRequest } from '../../lib/request/pivotRequest';
import { describeOutcome } from '../../lib/rules/outcome';
import type { CallLog } from './callLog';

export type Answered = { request: PivotRequest; result: PivotResult; judgedAt: Date; latencyMs: number };

/** Adds one answered Pivot request to its call's timeline. */
export function logAnswered(log: CallLog, { request, result, judgedAt, latencyMs }: Answered, receivedAt = new Date()): void {
  log.record(request.callId, result.routeId ?? request.routeId, {
    judgedAt: judgedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    method: request.method,
    ...(request.step !== undefined && { step: request.step }),
    ...(result.heardInput !== undefined && { heardInput: result.heardInput }),
    outcome: describeOutcome(result.outcome),
    ...(result.step !== undefined && { awaiting: result.step }),
    status: result.answer.statusCode,
    answer: answerWords(result),
    latencyMs: Math.round(latencyMs * 10) / 10,
    // Refused requests add nothing: their route id is the caller's, as for the metrics.
    funnel:
      result.outcome.kind === 'refused'
        ? []
        : funnelEvents({ outcome: result.outcome, awaiting: result.step, heardInput: result.heardInput }),
  });
}

/** The answer as a caller would notice it. */
export function answerWords(result: PivotResult): string {
  const { statusCode, body } = result.answer;
  if (statusCode === 503) return UNAVAILABLE_WORDS;
  if (statusCode !== 200) return `refused (${statusCode})`;
  if (result.step !== undefined) return `prompt step ${result.step}`;
  try {
    return describeCallflow(JSON.parse(body) as CallflowNode);
  } catch {
    // A TwiML dialect answer is XML.
    return 'TwiML answer';
  }
}
