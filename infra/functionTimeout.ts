import { Duration } from 'aws-cdk-lib';

/** Kazoo abandons a Pivot request after this long and plays the callflow's fallback. */
export const kazooRequestTimeoutMs = 5000;

/** Between the handler giving up on its budget and Lambda killing it: answering the fallback, flushing metrics. */
const headroomMs = 500;

/**
 * The handler enforces its own budget; the Lambda timeout is only the backstop,
 * so it sits just above the budget and strictly below Kazoo's limit. A longer
 * timeout would only bill for answers nobody is waiting for.
 */
export function functionTimeoutFor(budgetMs: number): Duration {
  const seconds = Math.ceil((budgetMs + headroomMs) / 1000);
  if (seconds * 1000 >= kazooRequestTimeoutMs) {
    throw new Error(`budget ${budgetMs} ms leaves no Lambda timeout below Kazoo's ${kazooRequestTimeoutMs} ms: use at most ${kazooRequestTimeoutMs - 1000 - headroomMs} ms`);
  }
  return Duration.seconds(seconds);
}
