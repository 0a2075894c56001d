import { DeadlineExceededError } from '../errors';

/**
 * Runs `work` with a signal that aborts when the budget runs out, and settles at
 * the budget whatever `work` does: a hung socket cannot hold the answer back.
 */
export async function withDeadline<T>(budgetMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        const error = new DeadlineExceededError(budgetMs);
        controller.abort(error);
        reject(error);
      },
      Math.max(0, budgetMs),
    );
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
