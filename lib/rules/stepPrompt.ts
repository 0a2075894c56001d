import type { CallflowNode } from '../callflow/callflowNode';
import type { PivotBack } from './pivotBack';
import type { Prompt, Step } from '../routes/routeSchema';

/** The DTMF collection a step reads: its own name unless the author chose one. */
export function collectionOf(stepName: string, step: Step): string {
  return step.collect.name ?? stepName;
}

function promptNode(prompt: Prompt, next: CallflowNode): CallflowNode {
  const data: Record<string, unknown> =
    'tts' in prompt
      ? { text: prompt.tts, ...(prompt.voice && { voice: prompt.voice }), ...(prompt.language && { language: prompt.language }) }
      : { id: prompt.play };
  return { module: 'tts' in prompt ? 'tts' : 'play', data, children: { _: next } };
}

/**
 * prompt → collect_dtmf → pivot back to this route for the step. A notice (the
 * "invalid entry" message) plays first on a retry. When the pivot back fails,
 * Kazoo takes the pivot node's `_` child: the route's fallback, so the caller
 * is still routed even if we are unreachable.
 */
export function renderStepPrompt(
  stepName: string,
  step: Step,
  pivotBack: PivotBack,
  options: { notice?: Prompt; onPivotFailure?: CallflowNode } = {},
): CallflowNode {
  const pivot: CallflowNode = {
    module: 'pivot',
    data: {
      voice_url: pivotBack.voiceUrlFor(stepName),
      method: pivotBack.method,
      req_format: pivotBack.reqFormat,
      ...(pivotBack.method === 'post' && { req_body_format: pivotBack.reqBodyFormat }),
    },
    children: options.onPivotFailure ? { _: options.onPivotFailure } : {},
  };
  const collect: CallflowNode = {
    module: 'collect_dtmf',
    data: {
      collection_name: collectionOf(stepName, step),
      max_digits: step.collect.maxDigits,
      timeout: step.collect.timeoutMs,
      terminator: step.collect.terminator,
      ...(step.collect.interdigitTimeoutMs !== undefined && { interdigit_timeout: step.collect.interdigitTimeoutMs }),
    },
    children: { _: pivot },
  };
  const prompt = promptNode(step.prompt, collect);
  return options.notice ? promptNode(options.notice, prompt) : prompt;
}
