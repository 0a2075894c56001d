import type { PivotRequest } from '../request/pivotRequest';
import { emptyCallState, type CallState, type CallStateData } from '../calls/callState';
import type { Decision } from './decideAnswer';
import { describeOutcome } from './outcome';

const MAX_PATH = 50;

/**
 * The call state after a decision. It merges into whatever is stored *now*
 * (the store may call it again after a version conflict), so digits written by a
 * concurrent request for the same call are kept, never overwritten.
 */
export function nextCallState(current: CallState | undefined, request: PivotRequest, routeId: string, decision: Decision): CallStateData {
  const base = current ?? emptyCallState(request.callId, routeId);
  const digits = { ...base.digits };
  for (const [name, value] of Object.entries(request.digits.collections)) if (value !== '') digits[name] = value;
  if (decision.collected && decision.collected.value !== '') digits[decision.collected.collection] = decision.collected.value;
  const awaiting = decision.awaiting;
  const path = awaiting && base.path[base.path.length - 1] !== awaiting.step ? [...base.path, awaiting.step].slice(-MAX_PATH) : base.path;
  return {
    callId: base.callId,
    routeId,
    step: awaiting?.step,
    attempts: awaiting?.attempts ?? 0,
    digits,
    vars: { ...base.vars, ...request.customApplicationVars },
    path,
    // Stored as text: the cdr summary and anyone reading the table see what the logs show.
    outcome: describeOutcome(decision.outcome),
  };
}
