import {
  AuthError,
  CallEndedError,
  FollowUpRefusedError,
  InvalidRequestError,
  RequestTooLargeError,
  RouteNotFoundError,
  SourceNotAllowedError,
  TooManyParametersError,
} from '../errors';

export type HttpAnswer = { statusCode: number; headers: Record<string, string>; body: string };

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/**
 * Names what produced an answer (`rule:business-hours`, `option:menu.1 step:menu`…).
 * Only the local server sends it, for the call simulator: a deployed stack keeps
 * its routes' insides to itself.
 */
export const DECIDED_BY_HEADER = 'x-pivot-decided-by';

export function withDecidedBy(answer: HttpAnswer, decidedBy: string): HttpAnswer {
  return { ...answer, headers: { ...answer.headers, [DECIDED_BY_HEADER]: decidedBy } };
}

export function jsonAnswer(statusCode: number, body: unknown): HttpAnswer {
  return { statusCode, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

/**
 * The one place errors become HTTP. Every answer is a JSON error with a
 * deliberate status: 4xx for requests we refuse, 503 for anything that stops us
 * serving a live call, so Kazoo takes the pivot node's `_` branch. Never a 500
 * and never a stack trace.
 */
export function errorAnswer(error: unknown): HttpAnswer {
  if (error instanceof InvalidRequestError) {
    return jsonAnswer(400, { error: 'invalid_request', message: error.message, ...(error.field && { field: error.field }) });
  }
  if (error instanceof RequestTooLargeError) {
    return jsonAnswer(error.part === 'body' ? 413 : 414, { error: 'too_large', message: error.message });
  }
  if (error instanceof TooManyParametersError) {
    return jsonAnswer(413, { error: 'too_many_parameters', message: error.message, limit: error.limit });
  }
  if (error instanceof SourceNotAllowedError) {
    return jsonAnswer(403, { error: 'source_not_allowed', message: 'requests from this address are not accepted' });
  }
  if (error instanceof AuthError) {
    if (error.reason === 'missing_token') return jsonAnswer(401, { error: 'unauthorized', message: error.message });
    if (error.reason === 'invalid_token') return jsonAnswer(403, { error: 'forbidden', message: error.message });
    // Same answer as an unknown route: an allowlist must not confirm that a route exists.
    return notFound();
  }
  if (error instanceof RouteNotFoundError) return notFound();
  // One answer whatever the reason (unsigned, forged, expired): the reason is for our log only.
  // Kazoo takes the step's `_` child, the route's fallback, so a genuine caller is still routed.
  if (error instanceof FollowUpRefusedError) {
    return jsonAnswer(403, { error: 'invalid_follow_up', message: 'this follow-up URL is not valid for this call' });
  }
  // Gone for good: a quick non-200, so Kazoo takes the pivot node's `_` branch.
  if (error instanceof CallEndedError) return jsonAnswer(410, { error: 'call_ended', message: 'this call has already ended' });
  return jsonAnswer(503, { error: 'unavailable', message: 'cannot route this call right now' });
}

function notFound(): HttpAnswer {
  return jsonAnswer(404, { error: 'not_found', message: 'no route here for this request' });
}
