/**
 * The project's named errors. Each carries what a caller needs to answer well:
 * the field at fault, or the reason a live call cannot be served.
 * HTTP mapping lives in one place: lib/http/httpAnswer.ts.
 */

import type { PlaceholderValues } from './routes/placeholders';

/**
 * One complaint about a document, at a dotted path into it (`''` is the root):
 * a callflow node, a route, a stored call state.
 */
export type FieldIssue = { path: string; message: string };

/** Thrown instead of producing a 200 that Kazoo would refuse (it hangs the call up on schema failures). */
export class InvalidCallflowError extends Error {
  override readonly name = 'InvalidCallflowError';
  constructor(
    readonly issues: readonly FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(`callflow would be refused by Kazoo: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, options);
  }
}

/** A request we cannot read: malformed body, missing Call-ID, bad encoding. Answered 4xx. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A body or query string over the configured limit, refused before parsing. */
export class RequestTooLargeError extends Error {
  override readonly name = 'RequestTooLargeError';
  constructor(
    readonly part: 'body' | 'query',
    readonly limitBytes: number,
  ) {
    super(`request ${part} is larger than ${limitBytes} bytes`);
  }
}

/**
 * More parameters than any Pivot request carries, query string and body together
 * (lib/request/parameterBudget.ts): refused, whether sent by GET, form or JSON.
 */
export class TooManyParametersError extends Error {
  override readonly name = 'TooManyParametersError';
  constructor(readonly limit: number) {
    super(`more than ${limit} parameters (query string and body together)`);
  }
}

/** The request came from an address outside the deployment's source allowlist; refused before anything is read. */
export class SourceNotAllowedError extends Error {
  override readonly name = 'SourceNotAllowedError';
  constructor(readonly sourceIp: string | undefined) {
    super(`source address ${sourceIp ?? '(unknown)'} is not in the allowlist`);
  }
}

/** No token (401) or a wrong one / an Account-ID the route does not allow (403). */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly reason: 'missing_token' | 'invalid_token' | 'account_not_allowed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * An IVR step's follow-up URL that is not this call's: unsigned, signed for another
 * route, call or step, or expired. Answered 403 whatever the reason (the reason is
 * for the log only), before any call state is read.
 */
export class FollowUpRefusedError extends Error {
  override readonly name = 'FollowUpRefusedError';
  constructor(
    readonly reason: 'unsigned' | 'forged' | 'expired',
    message: string,
  ) {
    super(message);
  }
}

/** A route document that breaks the route schema; names the route and the field. */
export class RouteValidationError extends Error {
  override readonly name = 'RouteValidationError';
  constructor(
    readonly routeId: string,
    readonly issues: readonly FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(`route "${routeId}" is invalid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, options);
  }
}

/** No usable route under that id (absent, or stored but invalid). */
export class RouteNotFoundError extends Error {
  override readonly name = 'RouteNotFoundError';
  constructor(readonly routeId: string) {
    super(`no route "${routeId}"`);
  }
}

/**
 * A request for a call that has already ended (its cdr came): refused without a
 * write, so a replayed follow-up or a repeated entry cannot bring the call back.
 */
export class CallEndedError extends Error {
  override readonly name = 'CallEndedError';
  constructor(
    readonly routeId: string,
    readonly callId: string,
  ) {
    super(`call "${callId}" on route "${routeId}" has ended`);
  }
}

/** The store failed, timed out or threw: the call must still get a deliberate answer. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The per-request time budget ran out before an answer was ready. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  constructor(readonly budgetMs: number) {
    super(`no answer within the ${budgetMs} ms budget`);
  }
}

/**
 * Why an outbound request (a route's lookup, a calendar feed) gave nothing usable.
 * The message names the host and path only: never a query string, header or body
 * (they may carry a credential or a caller's number).
 */
export class OutboundFetchError extends Error {
  override readonly name = 'OutboundFetchError';
  constructor(
    readonly reason:
      | 'refused-address'
      | 'timeout'
      | 'http-status'
      | 'too-large'
      | 'not-json'
      | 'malformed'
      | 'network'
      | 'circuit-open'
      | 'secret-unavailable',
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options);
    this.status = options?.status;
  }

  /** The HTTP status, for `http-status`. */
  readonly status: number | undefined;
}

/**
 * Not a failure: the synchronous decision reached a condition or placeholder that
 * needs outside data (a lookup, a calendar feed) not fetched yet. The async driver
 * (lib/pivot/answerPivotRequest.ts) catches it, fetches within the remaining
 * budget, and decides again.
 */
export class DataNeededError extends Error {
  override readonly name = 'DataNeededError';
  constructor(
    readonly need: { kind: 'lookup'; name: string } | { kind: 'calendar'; url: string },
    /** The call's values at that point (digits, vars…): what the lookup's request is filled from. */
    readonly values?: PlaceholderValues,
  ) {
    super(need.kind === 'lookup' ? `lookup "${need.name}" not fetched yet` : 'calendar feed not fetched yet');
  }
}

/**
 * A versioned route write the rules CLI cannot do as asked: another push landed
 * meanwhile, the version named is not stored, or a draft has no live route to sit on.
 */
export class RouteVersionError extends Error {
  override readonly name = 'RouteVersionError';
}
