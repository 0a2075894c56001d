import { InvalidRequestError } from '../errors';
import { normalizePivotRequest } from './normalizePivotRequest';
import { MAX_PARAMETERS } from './parameterBudget';
import { PIVOT_PARAMETER_NAMES } from './pivotParameterNames';
import type { HttpRequest } from './httpRequest';
import type { PivotRequest } from './pivotRequest';

/** The webhook event that means the call is over; Kazoo sends it in lowercase. */
export const CHANNEL_DESTROY_HOOK = 'channel_destroy';

/**
 * Kazoo's webhooks app names the same facts in snake_case
 * (webhooks_channel_util:base_hook_event). Read after Kazoo's and TwiML's names,
 * and on the cdr path only: a pivot request never answers to `call_id`.
 */
const CDR_PARAMETER_NAMES = {
  ...PIVOT_PARAMETER_NAMES,
  callId: [...PIVOT_PARAMETER_NAMES.callId, 'call_id'],
  accountId: [...PIVOT_PARAMETER_NAMES.accountId, 'account_id'],
} as const;

/** A cdr: Kazoo's cdr_url POST, or a webhook event, which names itself in `hook_event`. */
export type CdrRequest = PivotRequest & { hookEvent?: string };

/**
 * What POST /pivot/{route}/cdr receives: pivot's own cdr_url form (Kazoo names,
 * sent only after a TwiML answer) or a webhook from Kazoo's webhooks app (form
 * or JSON, snake_case names). Throws InvalidRequestError like normalizePivotRequest.
 */
export function normalizeCdrRequest(input: HttpRequest): CdrRequest {
  // A cdr carries the whole channel-destroy event: more parameters than a pivot request, as its body may be larger.
  const request = normalizePivotRequest(input, { parameterNames: CDR_PARAMETER_NAMES, maxParameters: 4 * MAX_PARAMETERS });
  const hookEvent = request.params['hook_event'];
  if (hookEvent === undefined) return request;
  if (typeof hookEvent !== 'string') throw new InvalidRequestError('hook_event must be a single value', 'hook_event');
  return { ...request, hookEvent };
}
