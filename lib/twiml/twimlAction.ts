/**
 * A rule, option or fallback that answers with TwiML instead of a callflow:
 * `{"twiml": "<Response>…</Response>"}`. Kazoo runs its TwiML subset when the
 * answer says `Content-Type: application/xml`; checkTwimlAction refuses at
 * validation everything in it Kazoo would stop the call on.
 */
import * as z from 'zod';
import type { FieldIssue } from '../errors';
import { parseTwiml } from './twimlDocument';
import { checkTwimlSubset } from './twimlSubset';

export const twimlActionSchema = z.strictObject({
  twiml: z
    .string()
    .min(1)
    .describe(
      'A TwiML <Response> in the subset Kazoo runs (Dial, Record, Gather, Play, Say, Redirect, Pause, Hangup, Reject, Set); ' +
        '{{placeholders}} are XML-escaped; action="step:<name>" (or <Redirect>step:<name></Redirect>) hands the digits to an IVR step',
    ),
});
export type TwimlAction = z.output<typeof twimlActionSchema>;

export function isTwimlAction(action: object): action is TwimlAction {
  return 'twiml' in action;
}

/** Everything wrong with one TwiML action of a route, each issue at `<path>.twiml` naming the element. */
export function checkTwimlAction(
  action: TwimlAction,
  path: string,
  route: { steps: Record<string, unknown> },
  policy: { allowLoopbackUrls: boolean },
  templated: (value: string) => boolean,
): FieldIssue[] {
  const at = `${path}.twiml`;
  const parsed = parseTwiml(action.twiml);
  if (!parsed.ok) return [{ path: at, message: parsed.issue.message }];
  const subset = checkTwimlSubset(parsed.root, {
    hasStep: (name) => Object.hasOwn(route.steps, name),
    stepNames: Object.keys(route.steps),
    allowLoopbackUrls: policy.allowLoopbackUrls,
    templated,
  });
  return subset.map((issue) => ({ path: at, message: `${issue.path}: ${issue.message}` }));
}
