/**
 * A route's TwiML fallback where no request can be decided: as the answer
 * while the store or the clock fails (answerPivotRequest's degraded path), and
 * as its callflow equivalent under a step prompt's pivot node, the `_` Kazoo
 * takes when calling us back fails. A fallback that hands the call to a step
 * serves neither: its follow-up URL leads back to the part that failed.
 */
import type { CallflowNode } from '../callflow/callflowNode';
import { validateCallflow, type CallflowPolicy } from '../callflow/validateCallflow';
import type { PivotRequest } from '../request/pivotRequest';
import { substitutePlaceholders, type PlaceholderValues } from '../routes/placeholders';
import type { Route } from '../routes/routeSchema';
import { fillTwiml } from '../twiml/renderTwimlAnswer';
import { isTwimlAction } from '../twiml/twimlAction';
import { parseTwiml } from '../twiml/twimlDocument';
import { twimlToCallflow } from '../twiml/twimlToCallflow';
import { buildEvaluationContext, placeholderValues } from './evaluationContext';

class StepUnavailable extends Error {}

export function fallbackTwiml(route: Route, request: PivotRequest, now: Date, policy: CallflowPolicy): string | undefined {
  const fallback = route.fallback;
  if (!fallback || !isTwimlAction(fallback)) return undefined;
  return stepFreeTwiml(fallback.twiml, placeholderValues(buildEvaluationContext(request, undefined, now, route.timezone)), policy);
}

/** The callflow that does what the TwiML does, when every verb has an equivalent and Kazoo would accept it. */
export function twimlAsCallflow(twiml: string, values: PlaceholderValues, policy: CallflowPolicy): CallflowNode | undefined {
  const body = stepFreeTwiml(twiml, values, policy);
  const parsed = body === undefined ? undefined : parseTwiml(body);
  if (!parsed?.ok) return undefined;
  const conversion = twimlToCallflow(parsed.root);
  return conversion.ok && validateCallflow(conversion.node, policy).ok ? conversion.node : undefined;
}

function stepFreeTwiml(twiml: string, values: PlaceholderValues, policy: CallflowPolicy): string | undefined {
  try {
    const filled = fillTwiml(twiml, {
      fill: (value) => substitutePlaceholders(value, values),
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
