import type { CallState } from '../calls/callState';
import type { AnswerSummary } from '../preview/answerSummary';
import { summarizeDecision } from '../preview/answerSummary';
import { previewPivotBack, previewRequest, type PreviewCaller } from '../preview/previewCaller';
import type { Route } from '../routes/routeSchema';
import { decideFollowUp } from '../rules/decideAnswer';
import { collectionOf } from '../rules/stepPrompt';

/** One thing a caller can do at an IVR step: press some keys (or nothing), on the first or the last try. */
export type IvrPath = { step: string; input: string; lastTry: boolean; label: string };

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

/**
 * Every option's digits of every step in either version, one key no option takes
 * (on the first try: the step is asked again; on the last: its onFailure), and no
 * input at all. Pattern options have no sample value and are not expanded.
 */
export function ivrPaths(...routes: Route[]): IvrPath[] {
  const steps = new Map<string, Set<string>>();
  for (const route of routes) {
    for (const [name, step] of Object.entries(route.steps)) {
      const inputs = steps.get(name) ?? new Set<string>();
      for (const option of step.options) for (const digits of [option.digits ?? []].flat()) inputs.add(digits);
      steps.set(name, inputs);
    }
  }
  const paths: IvrPath[] = [];
  for (const [step, inputs] of steps) {
    for (const input of inputs) paths.push({ step, input, lastTry: false, label: `step ${step}, press ${input}` });
    const wrong = KEYS.find((key) => !inputs.has(key));
    for (const lastTry of [false, true]) {
      const when = lastTry ? ' on the last try' : '';
      if (wrong) paths.push({ step, input: wrong, lastTry, label: `step ${step}, a key no option takes (${wrong})${when}` });
      paths.push({ step, input: '', lastTry, label: `step ${step}, no input${when}` });
    }
  }
  return paths;
}

/** What `route` answers a caller on `path` at `instant` (a step the route lacks gives its fallback, as on a live call). */
export function answerOnPath(route: Route, path: IvrPath, instant: Date, caller: PreviewCaller = {}): AnswerSummary {
  const step = Object.hasOwn(route.steps, path.step) ? route.steps[path.step] : undefined;
  const collection = step ? collectionOf(path.step, step) : path.step;
  const request = {
    ...previewRequest(route.id, { ...caller, digits: path.input === '' ? {} : { [collection]: path.input } }),
    step: path.step,
  };
  const state: CallState = {
    callId: request.callId,
    routeId: route.id,
    step: path.step,
    attempts: path.lastTry ? (step?.maxAttempts ?? 1) : 1,
    digits: {},
    vars: {},
    path: [path.step],
    version: 1,
    updatedAt: 0,
    expiresAt: 0,
  };
  return summarizeDecision(decideFollowUp({ route, request, now: instant, pivotBack: previewPivotBack(route.id) }, state));
}
