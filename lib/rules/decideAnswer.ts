import type { CallflowNode } from '../callflow/callflowNode';
import { DataNeededError } from '../errors';
import { KAZOO_CALLFLOW_POLICY, validateCallflow, type CallflowPolicy } from '../callflow/validateCallflow';
import { buildEvaluationContext, placeholderValues, type EvaluationContext } from './evaluationContext';
import { matchConditions } from './matchConditions';
import type { PivotBack } from './pivotBack';
import { substitutePlaceholders } from '../routes/placeholders';
import { fixedVerdict, isFixedTemplate } from '../callflow/fixedAnswers';
import type { Action, Route } from '../routes/routeSchema';
import type { CompiledPatterns } from '../routes/safePattern';
import { collectionOf, renderStepPrompt } from './stepPrompt';
import { mustRestartStep } from './crossRegionFollowUp';
import type { PivotRequest } from '../request/pivotRequest';
import type { CallState } from '../calls/callState';
import type { ChosenOutcome, DecisionOutcome } from './outcome';
import { isTwimlAction, type TwimlAction } from '../twiml/twimlAction';
import { fillTwiml } from '../twiml/renderTwimlAnswer';
import { twimlAsCallflow } from './twimlFallback';
import type { KnownOutsideData } from './outsideData';
import { chooseBranch, splitKeyOf } from './splitBranch';
import { isClosureActive, type EmergencyClosure } from '../closures/emergencyClosure';
import { closedAction, routeClosureAt, withClosureMessage } from './closures';

/**
 * What to answer one Pivot request with. Neither `node` nor `twiml` means nothing can be
 * served (no rule matched and the route has no fallback): the handler answers 503
 * so Kazoo takes the pivot node's `_` branch.
 */
export type Decision = {
  node?: CallflowNode;
  /** A TwiML answer, filled in and checked against Kazoo's subset (instead of `node`). */
  twiml?: string;
  /** For logs, metrics and the call state (describeOutcome gives its text). */
  outcome: DecisionOutcome;
  /** The step now waiting for input, when the answer is a step prompt. */
  awaiting?: { step: string; attempts: number };
  /** The digits this request delivered for the step it answered. */
  collected?: { collection: string; value: string };
};

type Inputs = {
  route: Route;
  request: PivotRequest;
  now: Date;
  pivotBack: PivotBack;
  /** What a callflow may hold once its placeholders are filled in; default: what Kazoo accepts. */
  callflowPolicy?: CallflowPolicy;
  /** Lookups and calendar feeds fetched so far; one still needed throws DataNeededError. */
  outside?: KnownOutsideData;
  /** The route's emergency closure (`rules close`), as read beside the route. */
  emergencyClosure?: EmergencyClosure;
};

/**
 * A fresh request (no `step` in the URL): a closure wins (emergency first, then the
 * route's own), else rules in order, first match wins, else the fallback.
 */
export function decideEntry({
  route,
  request,
  now,
  pivotBack,
  callflowPolicy = KAZOO_CALLFLOW_POLICY,
  emergencyClosure,
  outside,
}: Inputs): Decision {
  const ctx = buildEvaluationContext(request, undefined, now, route.timezone, route.temporalDays, outside);
  const env = { route, ctx, pivotBack, policy: callflowPolicy };
  if (isClosureActive(emergencyClosure, now)) return closedDecision(env, emergencyClosure);
  const closure = routeClosureAt(route, ctx.clock);
  if (closure) {
    const action = closedAction(route, closure);
    const outcome = { kind: 'closed', closure: closure.label } as const;
    return action ? resolve(action, outcome, env, []) : { outcome: { kind: 'no-match' } };
  }
  for (const [i, rule] of route.rules.entries()) {
    const result = matchConditions(rule.when, ctx, route.patterns);
    if (result.matched) return resolve(rule.then, { kind: 'rule', rule: rule.name ?? `rule-${i + 1}` }, env, result.captures);
  }
  return fallbackDecision(env, { kind: 'fallback' });
}

/** A follow-up from a step prompt: judge the collected digits against the step's options. */
export function decideFollowUp(
  { route, request, now, pivotBack, callflowPolicy = KAZOO_CALLFLOW_POLICY, outside }: Inputs,
  state: CallState | undefined,
): Decision {
  const stepName = request.step!;
  const ctx = buildEvaluationContext(request, state, now, route.timezone, route.temporalDays, outside);
  const env = { route, ctx, pivotBack, policy: callflowPolicy };
  // Own steps only: `?step=constructor` must not find Object.prototype's.
  const step = Object.hasOwn(route.steps, stepName) ? route.steps[stepName] : undefined;
  // The route was edited mid-call and the step is gone: route the caller, don't strand them.
  if (!step) return fallbackDecision(env, { kind: 'fallback', reason: 'unknown-step' });

  // The state that sent the caller here has not reached this region: ask again, judge nothing.
  if (mustRestartStep(request, state, stepName)) {
    const node = renderStepPrompt(stepName, step, pivotBack, { onPivotFailure: fallbackNode(env) });
    return { node, outcome: { kind: 'retry', step: stepName, reason: 'state-not-arrived' }, awaiting: { step: stepName, attempts: 1 } };
  }
  const collection = collectionOf(stepName, step);
  const input = request.digits.collections[collection] ?? (request.digits.form === 'string' ? request.digits.latest : undefined) ?? '';
  const collected = { collection, value: input };
  if (input !== '') ctx.digits[collection] = input;
  const attemptsSoFar = state?.step === stepName ? Math.max(state.attempts, 1) : 1;

  if (input !== '') {
    for (const [i, option] of step.options.entries()) {
      const captures = optionCaptures(option, input, route.patterns);
      if (!captures) continue;
      const extra = option.when ? matchConditions(option.when, ctx, route.patterns) : { matched: true as const, captures: [] };
      if (!extra.matched) continue;
      const outcome = { kind: 'option', step: stepName, option: i + 1 } as const;
      return { ...resolve(option.then, outcome, env, captures.length > 0 ? captures : extra.captures), collected };
    }
  }
  if (attemptsSoFar < step.maxAttempts) {
    const notice = input === '' ? (step.noInput ?? step.invalid) : step.invalid;
    const node = renderStepPrompt(stepName, step, pivotBack, { notice, onPivotFailure: fallbackNode(env) });
    return { node, outcome: { kind: 'retry', step: stepName }, awaiting: { step: stepName, attempts: attemptsSoFar + 1 }, collected };
  }
  const failure = { kind: 'failure', step: stepName } as const;
  if (step.onFailure) return { ...resolve(step.onFailure, failure, env, []), collected };
  return { ...fallbackDecision(env, failure), collected };
}

/**
 * A follow-up pinned to a route version that is no longer stored (pruned or the
 * route deleted and pushed anew): running its step on another version could mix
 * two IVRs, so the caller gets the live route's fallback.
 */
export function decideVersionGone({ route, request, now, pivotBack, callflowPolicy = KAZOO_CALLFLOW_POLICY }: Inputs): Decision {
  const ctx = buildEvaluationContext(request, undefined, now, route.timezone);
  return fallbackDecision({ route, ctx, pivotBack, policy: callflowPolicy }, { kind: 'fallback', reason: 'version-gone' });
}

type Env = { route: Route; ctx: EvaluationContext; pivotBack: PivotBack; policy: CallflowPolicy };

/** `rules close`: the message (if any), then the route's closed callflow, else its fallback. */
function closedDecision(env: Env, closure: EmergencyClosure): Decision {
  const outcome = { kind: 'closed', closure: 'emergency' } as const;
  const closed = closedAction(env.route);
  // A split as the closed answer: the caller's branch, as anywhere else.
  const action = closed && Array.isArray(closed) ? branchOf(closed, env).then : closed;
  if (action && 'goto' in action) {
    // A closed-hours menu: the message plays first, as a step's notice does.
    const notice = closure.message === undefined ? undefined : { tts: closure.message };
    const node = renderStepPrompt(action.goto, env.route.steps[action.goto]!, env.pivotBack, { notice, onPivotFailure: fallbackNode(env) });
    return { node, outcome, awaiting: { step: action.goto, attempts: 1 } };
  }
  // A TwiML closed answer goes out as its callflow equivalent, so the closure message can play first.
  const next = !action
    ? undefined
    : isTwimlAction(action)
      ? twimlAsCallflow(action.twiml, placeholderValues(env.ctx), env.policy)
      : materialize(action, env, []);
  const node = withClosureMessage(closure, next);
  return node ? { node, outcome } : { outcome: { ...outcome, fallbackInvalid: true } };
}

function optionCaptures(
  option: { digits?: string | string[]; pattern?: string },
  input: string,
  patterns: CompiledPatterns,
): string[] | undefined {
  if (option.digits !== undefined) {
    const wanted = Array.isArray(option.digits) ? option.digits : [option.digits];
    if (!wanted.includes(input)) return undefined;
  }
  if (option.pattern !== undefined) {
    const m = patterns.match(option.pattern, input);
    return m ? [...m] : undefined;
  }
  return [input];
}

function resolve(action: Action, outcome: ChosenOutcome, env: Env, captures: readonly string[]): Decision {
  if (Array.isArray(action)) {
    const { then, branch } = branchOf(action, env);
    return resolve(then, { ...outcome, branch }, env, captures);
  }
  if ('goto' in action) {
    const step = env.route.steps[action.goto]!;
    const node = renderStepPrompt(action.goto, step, env.pivotBack, { onPivotFailure: fallbackNode(env) });
    return { node, outcome, awaiting: { step: action.goto, attempts: 1 } };
  }
  if (isTwimlAction(action)) {
    const twiml = materializeTwiml(action, env, captures);
    return twiml ? { twiml, outcome } : fallbackDecision(env, { ...outcome, invalidAfterSubstitution: true });
  }
  const node = materialize(action, env, captures);
  // A placeholder filled with something the module refuses: better the fallback than a broken 200.
  return node ? { node, outcome } : fallbackDecision(env, { ...outcome, invalidAfterSubstitution: true });
}

/** The caller's branch of a weighted split, and its name for logs and metrics. */
function branchOf(split: Extract<Action, unknown[]>, env: Pick<Env, 'route' | 'ctx'>) {
  const i = chooseBranch(
    split.map((b) => b.weight),
    env.route.id,
    splitKeyOf(env.ctx.request),
  );
  const chosen = split[i]!;
  return { then: chosen.then, branch: chosen.name ?? `branch-${i + 1}` };
}

function materialize(template: CallflowNode, env: Pick<Env, 'ctx' | 'policy'>, captures: readonly string[]): CallflowNode | undefined {
  // A fixed answer is the template itself, checked the first time it is chosen (fixedAnswers.ts).
  if (isFixedTemplate(template))
    return fixedVerdict(template, env.policy, () => validateCallflow(template, env.policy).ok) ? template : undefined;
  const node = substitutePlaceholders(template, placeholderValues(env.ctx, captures));
  return validateCallflow(node, env.policy).ok ? node : undefined;
}

function materializeTwiml(action: TwimlAction, env: Env, captures: readonly string[]): string | undefined {
  const values = placeholderValues(env.ctx, captures);
  const filled = fillTwiml(action.twiml, {
    fill: (value) => substitutePlaceholders(value, values),
    voiceUrlFor: (step) => env.pivotBack.voiceUrlFor(step),
    allowLoopbackUrls: env.policy.allowLoopbackUrls,
  });
  return filled.ok ? filled.body : undefined;
}

function fallbackDecision(env: Env, outcome: ChosenOutcome): Decision {
  const fallback = env.route.fallback;
  // Nothing matched and there is nothing to fall back to; a named reason or trouble stays as it is.
  if (!fallback) return { outcome: isPlainFallback(outcome) ? { kind: 'no-match' } : outcome };
  if (Array.isArray(fallback) || 'goto' in fallback) return resolve(fallback, outcome, env, []);
  if (isTwimlAction(fallback)) {
    const twiml = materializeTwiml(fallback, env, []);
    return twiml ? { twiml, outcome } : { outcome: { ...outcome, fallbackInvalid: true } };
  }
  const node = materialize(fallback, env, []);
  return node ? { node, outcome } : { outcome: { ...outcome, fallbackInvalid: true } };
}

function isPlainFallback(outcome: ChosenOutcome): boolean {
  return outcome.kind === 'fallback' && !outcome.reason && !outcome.invalidAfterSubstitution && !outcome.fallbackInvalid;
}

/** The route's fallback as a ready callflow (no step prompt): what a call gets when we cannot decide. */
export function fallbackCallflow(
  route: Route,
  request: PivotRequest,
  now: Date,
  policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY,
): CallflowNode | undefined {
  const ctx = buildEvaluationContext(request, undefined, now, route.timezone, route.temporalDays);
  return fallbackNode({ route, ctx, policy });
}

/** The callflow Kazoo should run if calling us back fails: the fallback callflow, or a TwiML fallback's callflow equivalent. */
function fallbackNode({ route, ctx, policy }: Pick<Env, 'route' | 'ctx' | 'policy'>): CallflowNode | undefined {
  const fallback = route.fallback && Array.isArray(route.fallback) ? branchOf(route.fallback, { route, ctx }).then : route.fallback;
  if (fallback && isTwimlAction(fallback)) return twimlAsCallflow(fallback.twiml, placeholderValues(ctx), policy);
  return fallback && !('goto' in fallback) ? materializeOrNothing(fallback, { ctx, policy }) : undefined;
}

/** A callflow that needs outside data not fetched yet cannot be a failure path: none then. */
function materializeOrNothing(template: CallflowNode, env: Pick<Env, 'ctx' | 'policy'>): CallflowNode | undefined {
  try {
    return materialize(template, env, []);
  } catch (error) {
    if (error instanceof DataNeededError) return undefined;
    throw error;
  }
}
