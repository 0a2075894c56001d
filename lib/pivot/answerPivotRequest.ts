import { AuthError, CallEndedError, FollowUpRefusedError, RouteNotFoundError } from '../errors';
import { errorAnswer, jsonAnswer, type HttpAnswer } from '../http/httpAnswer';
import { renderPivotAnswer } from '../callflow/renderPivotAnswer';
import { KAZOO_CALLFLOW_POLICY, type CallflowPolicy } from '../callflow/validateCallflow';
import type { PivotRequest } from '../request/pivotRequest';
import { decideEntry, decideFollowUp, decideVersionGone, type Decision } from '../rules/decideAnswer';
import type { RouteVersions } from '../routes/pinnedRouteVersions';
import { routeForFollowUp, routeForNewCall } from '../routes/routeVersionChoice';
import { nextCallState } from '../rules/nextCallState';
import type { Outcome } from '../rules/outcome';
import type { KnownOutsideData } from '../rules/outsideData';
import { pivotBackFor } from '../rules/pivotBack';
import { isRouteId, type Route } from '../routes/routeSchema';
import { fallbackCallflow } from '../rules/decideAnswer';
import type { CallStateStore } from '../calls/callStateStore';
import type { RulesStore } from '../routes/rulesStore';
import type { CallKey, CallState } from '../calls/callState';
import { followUpExpiry, followUpQuery, followUpSignature, verifyRouteToken, type RouteKeys } from './routeCredentials';
import { openFollowUp, sealFollowUp, withSealedSignature, type SealedState } from './sealedFollowUp';
import { type Deadline, withDeadline } from './withDeadline';
import { twimlAnswer } from '../twiml/renderTwimlAnswer';
import { fallbackTwiml } from '../rules/twimlFallback';
import { decideWithOutsideData, type OutsideSources } from './decideWithOutsideData';
import type { ClosureStore, EmergencyClosure } from '../closures/emergencyClosure';
import { freshestState } from '../rules/crossRegionFollowUp';

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
  /** Lookups and calendar feeds a route's conditions may ask for; absent: they are missing. */
  outside?: OutsideSources;
  /** Emergency closures (`rules close`), read beside the route on a fresh call; absent: never closed. */
  closures?: ClosureStore;
  /** Stored versions, for a follow-up pinned to a version no longer live; absent: such a call gets the fallback. */
  routeVersions?: RouteVersions;
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
  /** A follow-up delivered input for its step (false: nothing pressed); never the digits themselves. */
  heardInput?: boolean;
  /** Set when something failed and the answer is a fallback or a 503. */
  error?: unknown;
  /** A sealed follow-up URL whose state version was already replaced (used twice, or racing): decided again on the stored state. */
  replayed?: true;
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
  const deadlineAt = performance.now() + budget;
  try {
    return await withDeadline(budget, async (deadline) => {
      // An id no route can have is no route: answered without a key or store read (DynamoDB would refuse a 2 KB key).
      if (!routeId || !isRouteId(routeId)) throw new RouteNotFoundError(routeId ?? '');
      const keys = await deps.routeKeys();
      verifyRouteToken(request.token, routeId, keys);
      // A follow-up names a call: only the URL we signed for that call, route and step opens it.
      const opened =
        request.step === undefined
          ? undefined
          : openFollowUp(request.followUp, { routeId, callId: request.callId, step: request.step }, keys, ctx.now);
      // Read side by side: the closure costs no time of its own (and is cached as long as the route).
      const [stored, emergencyClosure] = await Promise.all([
        // The deadline itself is the options: its signal is built only if a store call reads it (a cached route never does).
        deps.rules.getRoute(routeId, deadline),
        request.step === undefined ? deps.closures?.getClosure(routeId, deadline) : undefined,
      ]);
      if (!stored) throw new RouteNotFoundError(routeId);
      const choice =
        request.step === undefined
          ? { route: routeForNewCall(stored, request.callerIdNumber) }
          : await routeForFollowUp(stored, opened?.version, deps.routeVersions, deadline);
      const route = 'route' in choice ? choice.route : stored;
      if (!allowsAccount(route, request)) {
        throw new AuthError('account_not_allowed', `Account-ID not allowed on route "${routeId}"`);
      }
      const outsideBudget = {
        deadlineAt,
        get signal() {
          return deadline.signal;
        },
      };
      const { decision, replayed } = await decideWithOutsideData(deps.outside, route, outsideBudget, (outside) =>
        decide(deps, route, request, ctx, { keys, sealed: opened?.sealed }, deadline, outside, 'gone' in choice, emergencyClosure),
      );
      if (decision.twiml !== undefined) {
        const answer = twimlAnswer(decision.twiml);
        return { answer, outcome: decision.outcome, routeId, step: decision.awaiting?.step, ...(replayed ? { replayed } : {}) };
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
        ...(decision.collected && { heardInput: decision.collected.value !== '' }),
        ...(replayed ? { replayed } : {}),
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

type Decided = { decision: Decision; replayed?: true };

/**
 * DynamoDB calls: a plain answer none; entering an IVR step one PutItem; a
 * follow-up whose URL carries its state (sealedFollowUp.ts) one conditional
 * PutItem. Only a follow-up without that state, or one whose state was replaced
 * meanwhile (replayed, racing), reads and writes.
 */
async function decide(
  deps: PivotDeps,
  route: Route,
  request: PivotRequest,
  ctx: PivotContext,
  credentials: { keys: RouteKeys; sealed: SealedState | undefined },
  deadline: Deadline,
  outside: KnownOutsideData,
  versionGone = false,
  emergencyClosure?: EmergencyClosure,
): Promise<Decided> {
  const { keys, sealed } = credentials;
  const call = { routeId: route.id, callId: request.callId };
  // The version rides along in every follow-up URL, signed (or sealed) with it: the call stays on it.
  const signedCall = { ...call, version: route.version };
  const expiresAt = followUpExpiry(ctx.now, deps.followUpTtlSeconds);
  const inputs = {
    route,
    request,
    now: ctx.now,
    pivotBack: pivotBackFor(request, ctx.routeUrl, followUpQuery(keys, signedCall, expiresAt)),
    callflowPolicy: deps.callflowPolicy,
    outside,
    emergencyClosure,
  };
  // The step prompt's URL carries the state written with it.
  const sealInto = (decision: Decision, written: CallState): Decision => {
    if (!decision.node || !decision.awaiting) return decision;
    const claim = { ...signedCall, step: decision.awaiting.step };
    const node = withSealedSignature(
      decision.node,
      followUpSignature(keys.current, claim, expiresAt),
      sealFollowUp(keys, claim, expiresAt, written),
    );
    return { ...decision, node };
  };
  // The route's own calls only: the same Call-ID on another route is another call state.
  const callKey: CallKey = call;
  if (request.step === undefined) {
    const decision = decideEntry(inputs);
    // Only an IVR needs memory; a plain routing answer costs no write.
    if (!decision.awaiting) return { decision };
    const written = await deps.callStates.update(callKey, (current) => nextCallState(current, request, route.id, decision), {
      signal: deadline.signal,
      expectAbsent: true,
    });
    return { decision: sealInto(decision, written) };
  }
  const sealedState: CallState | undefined = sealed && { ...sealed, ...call, step: request.step, updatedAt: 0, expiresAt };
  if (sealedState) {
    const state = sealedState;
    const decision = versionGone ? decideVersionGone(inputs) : decideFollowUp(inputs, state);
    const written = await deps.callStates.replace(callKey, nextCallState(state, request, route.id, decision), state.version, deadline);
    if (written) return { decision: sealInto(decision, written) };
  }
  let decision: Decision | undefined;
  let replayed = false;
  // Decided inside the mutation: after a version conflict it is judged again on the fresh state.
  const written = await deps.callStates.update(
    callKey,
    (current) => {
      // Another region's write not replicated here yet: the URL's own state is the newer one.
      const base = freshestState(current, sealedState);
      replayed = sealedState !== undefined && base !== sealedState;
      decision = versionGone ? decideVersionGone(inputs) : decideFollowUp(inputs, base);
      return nextCallState(base, request, route.id, decision);
    },
    deadline,
  );
  return { decision: sealInto(decision!, written), ...(replayed ? { replayed: true as const } : {}) };
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
