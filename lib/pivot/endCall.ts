import { AuthError, RouteNotFoundError } from '../errors';
import { jsonAnswer, type HttpAnswer } from '../http/httpAnswer';
import { CHANNEL_DESTROY_HOOK, type CdrRequest } from '../request/normalizeCdrRequest';
import type { CallState } from '../calls/callState';
import type { CallStateStore } from '../calls/callStateStore';
import { isRouteId, type Route } from '../routes/routeSchema';
import type { RulesStore } from '../routes/rulesStore';
import { verifyRouteToken, type RouteKeys } from './routeCredentials';
import { withDeadline } from './withDeadline';

export type EndCallDeps = { rules: RulesStore; callStates: CallStateStore; routeKeys: () => Promise<RouteKeys>; budgetMs: number };

/** The one-line story of a call, for the cdr log: where it went, never what was typed. */
export type CallSummary = {
  callId: string;
  route?: string;
  steps: string[];
  outcome?: string;
  digitCollections: number;
  hangupCause?: string;
  durationSeconds?: string;
  /** Set when a webhook sent it: `channel_destroy`, or the event that was ignored. */
  hookEvent?: string;
};

export type EndCallResult = {
  answer: HttpAnswer;
  summary: CallSummary;
  /** `no-state`: this route holds no state for the Call-ID (a plain routing answer, or another route's call). */
  status: 'ended' | 'no-state' | 'ignored';
  /** Whether there was a call state to end (an IVR); plain routing answers leave none. */
  ended: boolean;
};

/**
 * The call is over: Kazoo's cdr_url (sent only after a TwiML answer), or the
 * CHANNEL_DESTROY webhook of Kazoo's webhooks app. Authenticate like a pivot
 * request, then mark this route's state of the call ended, and nothing else, so
 * a replayed follow-up cannot resume it.
 */
export async function endCall(deps: EndCallDeps, request: CdrRequest): Promise<EndCallResult> {
  return withDeadline(deps.budgetMs, async (deadline) => {
    // As on the pivot path: an id no route can have is a 404 before anything is read.
    const routeId = request.routeId;
    if (!routeId || !isRouteId(routeId)) throw new RouteNotFoundError(routeId ?? '');
    verifyRouteToken(request.token, routeId, await deps.routeKeys());
    // A hook set to `all` (or another event) must not end calls as they start; a 200
    // keeps Kazoo from counting failures and disabling the hook that also carries the destroys.
    if (request.hookEvent !== undefined && request.hookEvent !== CHANNEL_DESTROY_HOOK) {
      const answer = jsonAnswer(200, { status: 'ignored', callId: request.callId, hookEvent: request.hookEvent });
      return { answer, summary: summarize(request, undefined), status: 'ignored', ended: false };
    }
    const route = await deps.rules.getRoute(routeId, deadline);
    if (!route) throw new RouteNotFoundError(routeId);
    if (!allowsCdrAccount(route, request)) {
      throw new AuthError('account_not_allowed', `Account-ID not allowed on route "${routeId}"`);
    }
    const state = await deps.callStates.end({ routeId: route.id, callId: request.callId }, deadline);
    const status = state ? 'ended' : 'no-state';
    return {
      answer: jsonAnswer(200, { status, callId: request.callId }),
      summary: summarize(request, state),
      status,
      ended: state !== undefined,
    };
  });
}

/**
 * The pivot path's allowlist, where the cdr names an account: a webhook always
 * does (`account_id`), but pivot's own cdr_url drops Custom-Channel-Vars, where
 * Kazoo keeps the Account-ID, so a cdr without one is judged by its token alone.
 */
function allowsCdrAccount(route: Route, request: CdrRequest): boolean {
  return !route.accounts || request.accountId === undefined || route.accounts.includes(request.accountId);
}

function summarize(request: CdrRequest, state: CallState | undefined): CallSummary {
  const text = (...names: string[]) => {
    for (const name of names) {
      const value = request.params[name];
      // A JSON webhook sends its counts as numbers.
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
    return undefined;
  };
  return {
    callId: request.callId,
    route: state?.routeId ?? request.routeId,
    steps: state?.path ?? [],
    outcome: state?.outcome,
    digitCollections: Object.keys(state?.digits ?? {}).length,
    hangupCause: text('Hangup-Cause', 'hangup_cause', 'CallStatus'),
    durationSeconds: text('Duration-Seconds', 'duration_seconds', 'CallDuration'),
    ...(request.hookEvent !== undefined && { hookEvent: request.hookEvent }),
  };
}
