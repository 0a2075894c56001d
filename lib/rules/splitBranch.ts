import { createHash } from 'node:crypto';
import type { PivotRequest } from '../request/pivotRequest';

/**
 * Which branch of a weighted split a caller takes. Sticky: the same caller number
 * on the same route always lands on the same branch (a SHA-256 of both, read as a
 * fraction of the total weight), so a caller who calls back hears the same
 * greeting; across callers the shares follow the weights. A call without a caller
 * number is placed by its Call-ID (sticky for that call only).
 */
export function chooseBranch(weights: readonly number[], routeId: string, callerKey: string): number {
  const total = weights.reduce((a, b) => a + b, 0);
  const digest = createHash('sha256').update(`${routeId}\u0000${callerKey}`).digest();
  // 48 bits: a uniform fraction with no visible bias for weights up to 10,000 each.
  const point = (digest.readUIntBE(0, 6) / 2 ** 48) * total;
  let upTo = 0;
  for (const [i, weight] of weights.entries()) {
    upTo += weight;
    if (point < upTo) return i;
  }
  return weights.length - 1;
}

/** The caller a split is sticky to: the number without a leading +, else From, else the call. */
export function splitKeyOf(request: PivotRequest): string {
  const number = request.callerIdNumber || request.from;
  return number ? number.replace(/^\+/, '') : `call:${request.callId}`;
}
