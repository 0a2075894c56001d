import type { CallState } from '../calls/callState';
import type { PivotRequest } from '../request/pivotRequest';

/**
 * Whether a follow-up must ask its step again instead of judging the digits it brings.
 *
 * Within one region the answer that sent the caller to a step wrote the call state
 * (awaiting that step) before Kazoo ever saw it, so a follow-up finds its step stored.
 * In another region of a global table that write may not have replicated yet (a few
 * hundred ms, more if the first region failed mid-replication). A follow-up URL that
 * carries its sealed state (lib/pivot/sealedFollowUp.ts) is judged on that state
 * (freshestState below); one that carries none, or a URL from before sealing, is
 * judged on what this region has:
 * - Kazoo-format requests carry every DTMF collection and application variable of
 *   the call (Kazoo keeps them on the channel), so the digits are judged as usual;
 * - TwiML-format requests that crossed regions (`hop` > 0) carry only the latest digits:
 *   the earlier steps' digits may be missing, so the step is played again (attempts reset), which writes the state
 *   at this step here; the next follow-up is judged normally, never stuck.
 */
export function mustRestartStep(request: PivotRequest, state: CallState | undefined, step: string): boolean {
  // Only a follow-up that crossed regions (a `_` pivot counted a hop) can be ahead of its state:
  // in its own region a TwiML Gather's `step:` follow-up has no state at the step, and is judged.
  return request.failover.hop > 0 && state?.step !== step && request.digits.form !== 'collections';
}

/**
 * The state a follow-up is judged on when its one conditional write found another
 * version stored: the stored one (a replay, or a racing answer), unless the state
 * sealed in the follow-up URL is newer. Within one region that never happens (a URL
 * is issued after its state is written); across regions it means the write that
 * issued the URL has not replicated here yet, and the URL's copy is the truth.
 */
export function freshestState(stored: CallState | undefined, sealed: CallState | undefined): CallState | undefined {
  if (!sealed) return stored;
  return !stored || stored.version < sealed.version ? sealed : stored;
}
