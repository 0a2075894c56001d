import { AuthError, CallEndedError, FollowUpRefusedError, RouteNotFoundError } from '../errors';
import { errorAnswer, jsonAnswer, type HttpAnswer } from '../http/httpAnswer';
import { renderPivotAnswer } from '../callflow/renderPivotAnswer';
import { KAZOO_CALLFLOW_POLICY, type CallflowPolicy } from '../callflow/validateCallflow';
import type { PivotRequest } from '../request/pivotRequest';
import { decideEntry, decideFollowUp, type Decision } from '../rules/decideAnswer';
import { nextCallState } from '../rules/nextCallState';
import type { Outcome } from '../rules/outcome';
import { pivotBackFor } from '../rules/pivotBack';
import { isRouteId, type Route } from '../routes/routeSchema';
import { fallbackCallflow } from '../rules/decideAnswer';
import type { CallStateStore } from '../calls/callStateStore';
import type { RulesStore } from '../routes/rulesStore';
import { followUpExpiry, followUpQuery, verifyFollowUp, verifyRouteToken, type RouteKeys } from './routeCredentials';
import { withDeadline } from './withDeadline';
import { twimlAnswer } from '../twiml/renderTwimlAnswer';
import { fallbackTwiml } from '../rules/twimlFallback';

export type PivotDeps = {
  rules: RulesStore;
  callStates: CallStateStore;
  /** The keys route tokens and follow-up signatures derive from (read and cached by the adapter). */
  routeKeys: () => Promise<RouteKeys>;
  /** How long an IVR step's follow-up URL is accepted after its prompt was answered. */
  followUpTtlSeconds: number;
  /** Everything, secret read included, must be answered within this. */
  budgetMs: number;
  /** What our answers may hold; default: what Kazoo accepts. Only the local runtime loosens it. */
  callflowPolicy?: CallflowPolicy;
};

export type PivotContext = {
  now: Date;
  /** This route's public URL without query string: IVR prompts pivot back to it. */
  routeUrl: string;
  /** Milliseconds already spent before we were called (middleware, parsing). */
  elapsedMs?: number;
};

/** The answer plus what a log line and metrics need. */
export type PivotResult = {
  answer: HttpAnswer;
  outcome: Outcome;
  routeId?: string;
  step?: string;
  /** Set when something failed and the answer is a fallback or a 503. */
  error?: unknown;
};

/**
 * One Pivot request, from authenticated request to HTTP answer. Authentication
 * happens before any store read. Whatever fails later (store down, slow,
 * corrupt route, deadline) the call still gets the route's last known fallback
 * callflow, or a deliberate 503 so Kazoo takes the pivot node's `_` branch.
 */
export async function answerPivotRequest(deps: PivotDeps, request: PivotRequest, ctx: PivotContext): Promise<PivotResult> {
  const routeId = request.routeId;
  const budget = deps.budgetMs - (ctx.elapsedMs ?? 0);
  try {
    return await withDeadline(budget, async (signal) => {
      // An id no route can have is no route: answered without a key or store read (DynamoDB would refuse a 2 KB key).
      if (!routeId || !isRouteId(routeId)) throw new RouteNotFoundError(routeId ?? '');
      const keys = await deps.routeKeys();
      verifyRouteToken(request.token, routeId, keys);
      // A follow-up names a call: only the URL we signed for that call, route and step opens it.
      if (request.step !== undefined) {
        verifyFollowUp(request.followUp, { routeId, callId: request.callId, step: request.step }, keys, ctx.now);
      }
      const route = await deps.rules.getRoute(routeId, { signal });
      if (!route) throw new RouteNotFoundError(routeId);
      if (!allowsAccount(route, request)) {
        throw new AuthError('account_not_allowed', `Account-ID not allowed on route "${routeId}"`);
      }
      const decision = await decide(deps, route, request, ctx, keys, signal);
      if (decision.twiml !== undefined) {
        return { answer: twimlAnswer(decision.twiml), outcome: decision.outcome, routeId, step: decision.awaiting?.step };
      }
      if (!decision.node) {
        const answer = jsonAnswer(503, { error: 'no_match', message: `no rule of route "${routeId}" matched and it has no fallback` });
        return { answer, outcome: decision.outcome, routeId };
      }
      return {
        answer: renderPivotAnswer(decision.node, deps.callflowPolicy),
        outcome: decision.outcome,
        routeId,
        step: decision.awaiting?.step,
      };
    });
  } catch (error) {
    // An ended call is refused, not degraded: its route's fallback would start it again.
    if (
      error instanceof AuthError ||
      error instanceof RouteNotFoundError ||
      error instanceof CallEndedError ||
      error instanceof FollowUpRefusedError
    ) {
      return { answer: errorAnswer(error), outcome: { kind: 'refused', error: error.name }, routeId, error };
    }
    return degradedAnswer(deps, request, ctx, error);
  }
}

async function decide(
  deps: PivotDeps,
  route: Route,
  request: PivotRequest,
  ctx: PivotContext,
  keys: RouteKeys,
  signal: AbortSignal,
): Promise<Decision> {
  const signFollowUps = followUpQuery(
    keys,
    { routeId: route.id, callId: request.callId },
    followUpExpiry(ctx.now, deps.followUpTtlSeconds),
  );
  const inputs = {
    route,
    request,
    now: ctx.now,
    pivotBack: pivotBackFor(request, ctx.routeUrl, signFollowUps),
    callflowPolicy: deps.callflowPolicy,
  };
  // The route's own calls only: the same Call-ID on another route is another call state.
  const callKey = { routeId: route.id, callId: request.callId };
  if (request.step === undefined) {
    const decision = decideEntry(inputs);
    // Only an IVR needs memory; a plain routing answer costs no write.
    if (decision.awaiting) {
      await deps.callStates.update(callKey, (current) => nextCallState(current, request, route.id, decision), {
        signal,
        expectAbsent: true,
      });
    }
    return decision;
  }
  let decision: Decision | undefined;
  // Decided inside the mutation: after a version conflict it is judged again on the fresh state.
  await deps.callStates.update(
    callKey,
    (current) => {
      decision = decideFollowUp(inputs, current);
      return nextCallState(current, request, route.id, decision);
    },
    { signal },
  );
  return decision!;
}

/**
 * The store or the clock failed us: the last known fallback if there is one, else 503.
 * The last known copy's allowlist still holds: an Account-ID it does not allow gets
 * the 503 an unknown route gets in an outage, never that route's fallback.
 */
function degradedAnswer(deps: PivotDeps, request: PivotRequest, ctx: PivotContext, error: unknown): PivotResult {
  const routeId = request.routeId;
  const known = routeId ? deps.rules.lastKnown(routeId) : undefined;
  const route = known && allowsAccount(known, request) ? known : undefined;
  // A TwiML fallback goes out as TwiML; fallbackCallflow would give its callflow equivalent.
  const twiml = route && fallbackTwiml(route, request, ctx.now, deps.callflowPolicy ?? KAZOO_CALLFLOW_POLICY);
  if (twiml) return { answer: twimlAnswer(twiml), outcome: { kind: 'degraded', answer: 'fallback' }, routeId, error };
  const node = route && fallbackCallflow(route, request, ctx.now, deps.callflowPolicy);
  if (node)
    return { answer: renderPivotAnswer(node, deps.callflowPolicy), outcome: { kind: 'degraded', answer: 'fallback' }, routeId, error };
  return { answer: errorAnswer(error), outcome: { kind: 'degraded', answer: 'unavailable' }, routeId, error };
}

/** A route without an allowlist takes every account. */
function allowsAccount(route: Route, request: PivotRequest): boolean {
  return !route.accounts || route.accounts.includes(request.accountId ?? '');
}
