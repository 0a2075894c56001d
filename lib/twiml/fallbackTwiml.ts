/**
 * The route's TwiML fallback as a ready answer, for when the store or the clock
 * failed us and nothing can be decided (answerPivotRequest's degraded path).
 * A fallback that hands the call to a step cannot be served then: its
 * follow-up URL would lead back to the part that failed, so it gets the 503.
 */
import type { PivotRequest } from '../request/pivotRequest';
import type { Route } from '../routes/routeSchema';
import { buildEvaluationContext, placeholderValues } from '../rules/evaluationContext';
import { fillTwiml } from './renderTwimlAnswer';
import { isTwimlAction } from './twimlAction';

class StepUnavailable extends Error {}

export function fallbackTwiml(route: Route, request: PivotRequest, now: Date, policy: { allowLoopbackUrls: boolean }): string | undefined {
  const fallback = route.fallback;
  if (!fallback || !isTwimlAction(fallback)) return undefined;
  const ctx = buildEvaluationContext(request, undefined, now, route.timezone);
  try {
    const filled = fillTwiml(fallback.twiml, {
      values: placeholderValues(ctx),
      voiceUrlFor: () => {
        throw new StepUnavailable();
      },
      allowLoopbackUrls: policy.allowLoopbackUrls,
    });
    return filled.ok ? filled.body : undefined;
  } catch (error) {
    if (error instanceof StepUnavailable) return undefined;
    throw error;
  }
}
