import { StoreUnavailableError } from '../../lib/errors';

/**
 * Every DynamoDB failure leaves the adapters as a StoreUnavailableError so a handler
 * can give the caller a deliberate answer; the SDK error stays reachable as `cause`.
 */
export function storeUnavailable(what: string, cause: unknown): StoreUnavailableError {
  if (cause instanceof StoreUnavailableError) return cause;
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new StoreUnavailableError(`DynamoDB ${what} failed (${reason})`, { cause });
}

/** Throws at once when the caller has given up, without spending a DynamoDB call. */
export function throwIfAborted(what: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new StoreUnavailableError(`DynamoDB ${what} aborted`, { cause: signal.reason });
  }
}

/**
 * Runs one DynamoDB call (`send` receives the signal to pass as `abortSignal`),
 * refusing to start when already aborted and wrapping every failure.
 */
export async function callStore<T>(
  what: string,
  signal: AbortSignal | undefined,
  send: (abortSignal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  throwIfAborted(what, signal);
  try {
    return await send(signal);
  } catch (error) {
    throw storeUnavailable(what, error);
  }
}
