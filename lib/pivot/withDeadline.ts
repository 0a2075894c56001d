import { DeadlineExceededError } from '../errors';

/**
 * What a request's work gets: an AbortSignal for its store and network calls,
 * built only when one of them reads it. A request served from memory never does,
 * and an AbortController cost a warm request more than its rules did.
 */
export type Deadline = { readonly signal: AbortSignal };

type Pending = { at: number; budgetMs: number; controller?: AbortController; expire: (error: DeadlineExceededError) => void };

/*
 * One timer for every request in flight, armed for the earliest deadline, instead of
 * a setTimeout and clearTimeout per request: requests one after another (a Lambda
 * container) leave it armed, and it re-arms itself for whatever is pending when it fires.
 */
const pending = new Set<Pending>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function arm(at: number): void {
  if (timer !== undefined && timerAt <= at) return;
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(fire, Math.max(0, at - performance.now()));
  // An idle process (tests, the local server closing) must not be held open by it.
  timer.unref?.();
}

function fire(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = performance.now();
  let next = Number.POSITIVE_INFINITY;
  for (const entry of pending) {
    if (entry.at <= now) {
      pending.delete(entry);
      const error = new DeadlineExceededError(entry.budgetMs);
      entry.controller?.abort(error);
      entry.expire(error);
    } else next = Math.min(next, entry.at);
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}

/**
 * Runs `work` with a deadline whose signal aborts when the budget runs out, and
 * settles at the budget whatever `work` does: a hung socket cannot hold the answer back.
 */
export async function withDeadline<T>(budgetMs: number, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  let expire!: (error: DeadlineExceededError) => void;
  const expired = new Promise<never>((_, reject) => (expire = reject));
  const entry: Pending = { at: performance.now() + Math.max(0, budgetMs), budgetMs, expire };
  const deadline: Deadline = {
    get signal() {
      if (!entry.controller) {
        entry.controller = new AbortController();
        if (!pending.has(entry)) entry.controller.abort(new DeadlineExceededError(budgetMs));
      }
      return entry.controller.signal;
    },
  };
  pending.add(entry);
  arm(entry.at);
  try {
    return await Promise.race([work(deadline), expired]);
  } finally {
    pending.delete(entry);
  }
}
