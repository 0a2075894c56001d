import type { CallState } from '../calls/callState';
import type { PivotRequest } from '../request/pivotRequest';

/**
 * Whether a follow-up must ask its step again instead of judging the digits it brings.
 *
 * Within one region the answer that sent the caller to a step wrote the call state
 * (awaiting that step) before Kazoo ever saw it, so a follow-up finds its step stored.
 * In another region of a global table that write may not have replicated yet (a few
 * hundred ms, more if the first region failed mid-replication). Then:
 * - Kazoo-format requests carry every DTMF collection and application variable of
 *   the call (Kazoo keeps them on the channel), so the digits are judged as usual;
 * - TwiML-format requests carry only the latest digits: the earlier steps' digits may
 *   be missing, so the step is played again (attempts reset), which writes the state
 *   at this step here; the next follow-up is judged normally, never stuck.
 */
export function mustRestartStep(request: PivotRequest, state: CallState | undefined, step: string): boolean {
  return state?.step !== step && request.digits.form !== 'collections';
}
