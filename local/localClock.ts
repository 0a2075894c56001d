import { InvalidRequestError } from '../lib/errors';
import type { HttpRequest } from '../lib/request/httpRequest';

/**
 * The local server's clock override. It lives here, in local/, and nowhere
 * else: the deployed handler (functions/pivot.ts) builds its runtime with the
 * system clock and nothing under functions/, adapters/ or lib/ reads this header
 * or variable, so no setting on the stack can turn it on.
 */
export const CLOCK_HEADER = 'x-pivot-clock';
export const CLOCK_ENV = 'PIVOT_CLOCK';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset, or undefined: a local time without a zone would be ambiguous. */
export function parseInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed)) return undefined;
  const at = new Date(trimmed);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export const INSTANT_HINT = 'an ISO 8601 instant with a zone, e.g. 2026-11-24T17:00:00Z or 2026-11-24T12:00:00-05:00';

/** The instant a request is judged at: its x-pivot-clock header, else the fixed override, else now. */
export function localClock(fixed?: Date): (request: HttpRequest) => Date {
  return (request) => {
    const header = request.headers[CLOCK_HEADER];
    if (header === undefined) return fixed ?? new Date();
    const at = parseInstant(header);
    if (!at) throw new InvalidRequestError(`${CLOCK_HEADER} must be ${INSTANT_HINT}`, CLOCK_HEADER);
    return at;
  };
}
