import { jsonAnswer, type HttpAnswer } from '../http/httpAnswer';
import type { PivotRequest } from '../request/pivotRequest';
import type { CallState } from '../calls/callState';
import type { CallStateStore } from '../calls/callStateStore';
import { verifyToken } from './verifyToken';
import { withDeadline } from './withDeadline';

export type EndCallDeps = { callStates: CallStateStore; expectedToken: () => Promise<string>; budgetMs: number };

/** The one-line story of a call, for the cdr log: where it went, never what was typed. */
export type CallSummary = {
  callId: string;
  route?: string;
  steps: string[];
  outcome?: string;
  digitCollections: number;
  hangupCause?: string;
  durationSeconds?: string;
};

/**
 * Kazoo's cdr_url: the call is over. Authenticate like a pivot request, then
 * mark the call's state ended so a replayed follow-up cannot resume it.
 */
export type EndCallResult = {
  answer: HttpAnswer;
  summary: CallSummary;
  /** Whether there was a call state to end (an IVR); plain routing answers leave none. */
  ended: boolean;
};

export async function endCall(deps: EndCallDeps, request: PivotRequest): Promise<EndCallResult> {
  return withDeadline(deps.budgetMs, async (signal) => {
    verifyToken(request.token, await deps.expectedToken());
    const state = await deps.callStates.end(request.callId, { signal });
    const summary = summarize(request, state);
    return {
      answer: jsonAnswer(200, { status: state ? 'ended' : 'no-state', callId: request.callId }),
      summary,
      ended: state !== undefined,
    };
  });
}

function summarize(request: PivotRequest, state: CallState | undefined): CallSummary {
  const text = (name: string) => (typeof request.params[name] === 'string' ? (request.params[name] as string) : undefined);
  return {
    callId: request.callId,
    route: state?.routeId ?? request.routeId,
    steps: state?.path ?? [],
    outcome: state?.outcome,
    digitCollections: Object.keys(state?.digits ?? {}).length,
    hangupCause: text('Hangup-Cause') ?? text('CallStatus'),
    durationSeconds: text('Duration-Seconds') ?? text('CallDuration'),
  };
}
