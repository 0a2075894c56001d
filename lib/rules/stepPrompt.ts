import type { CallflowNode } from '../callflow/callflowNode';
import { collectDtmf, pivot, play, tts } from '../callflow/nodeBuilders';
import type { PivotBack } from './pivotBack';
import type { Prompt, Step } from '../routes/routeSchema';

/** The DTMF collection a step reads: its own name unless the author chose one. */
export function collectionOf(stepName: string, step: Step): string {
  return step.collect.name ?? stepName;
}

function promptNode(prompt: Prompt, next: CallflowNode): CallflowNode {
  if ('play' in prompt) return play(prompt.play, {}, { _: next });
  // An empty language is no language: Kazoo would otherwise get `"language": ""`.
  return tts(prompt.tts, { voice: prompt.voice, language: prompt.language || undefined }, { _: next });
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
  const pivotTo = (voiceUrl: string, onFailure: CallflowNode | undefined) =>
    pivot(
      {
        voiceUrl,
        method: pivotBack.method,
        reqFormat: pivotBack.reqFormat,
        // Kazoo reads a body format only for POST.
        reqBodyFormat: pivotBack.method === 'post' ? pivotBack.reqBodyFormat : undefined,
      },
      onFailure ? { _: onFailure } : {},
    );
  // Multi-region: if this region stops answering, the follow-up goes to the next one, then the fallback.
  const failoverUrl = pivotBack.failoverUrlFor?.(stepName);
  const onPivotFailure = failoverUrl ? pivotTo(failoverUrl, options.onPivotFailure) : options.onPivotFailure;
  const pivotToStep = pivotTo(pivotBack.voiceUrlFor(stepName), onPivotFailure);
  const collect = collectDtmf(
    {
      collectionName: collectionOf(stepName, step),
      maxDigits: step.collect.maxDigits,
      timeoutMs: step.collect.timeoutMs,
      terminator: step.collect.terminator,
      interdigitTimeoutMs: step.collect.interdigitTimeoutMs,
    },
    { _: pivotToStep },
  );
  const prompt = promptNode(step.prompt, collect);
  return options.notice ? promptNode(options.notice, prompt) : prompt;
}
