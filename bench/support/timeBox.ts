/**
 * A bound on a measurement loop: it stops at whichever comes first, the round
 * count or the time limit, so a slow machine makes figures noisier, never the run endless.
 */
export type TimeBox = { readonly deadline: number; expired(): boolean };

export function timeBox(limitMs: number): TimeBox {
  const deadline = performance.now() + limitMs;
  return { deadline, expired: () => performance.now() >= deadline };
}
