import { EmfMetrics, MetricUnit } from './emfMetrics';
import { JsonLogger } from './jsonLogger';
import type { EndCallResult } from '../../lib/pivot/endCall';
import type { PivotRequest } from '../../lib/request/pivotRequest';
import { describeOutcome, type Outcome } from '../../lib/rules/outcome';
import { recordSplitBranch } from './outsideTelemetry';
import { recordIvrFunnel } from './ivrFunnelMetrics';

/**
 * Structured logs and CloudWatch EMF metrics in Powertools' formats
 * (jsonLogger.ts, emfMetrics.ts): one log line per request, with its Call-ID once known. What goes out
 * is chosen field by field: never the token, never digit values (they may be
 * PINs), never a whole request. The middlewares (httpFunction.ts) add the Lambda
 * context to every line and flush the metrics once per invocation.
 */
export type Telemetry = { logger: JsonLogger; metrics: EmfMetrics };

export function createTelemetry(
  serviceName: string,
  options: { logLevel?: ConstructorParameters<typeof JsonLogger>[0]['logLevel'] } = {},
): Telemetry {
  return {
    logger: new JsonLogger({ serviceName, logLevel: options.logLevel }),
    metrics: new EmfMetrics({ serviceName, namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? 'KazooPivot' }),
  };
}

/** Route ids are at most 64 characters; a longer one from a URL is logged by its start. */
const MAX_LOGGED_ROUTE = 64;

export function loggedRoute(routeId: string | undefined): string | undefined {
  return routeId !== undefined && routeId.length > MAX_LOGGED_ROUTE ? `${routeId.slice(0, MAX_LOGGED_ROUTE)}…` : routeId;
}

export function callFields(request: PivotRequest | undefined): Record<string, string | number | undefined> {
  if (!request) return {};
  return {
    callId: request.callId,
    accountId: request.accountId,
    route: loggedRoute(request.routeId),
    step: request.step,
    // Set only on a request a `_` failover pivot sent here (multi-region).
    hop: request.failover.hop > 0 ? request.failover.hop : undefined,
    dialect: request.dialect,
    method: request.method,
    digitCollections: Object.keys(request.digits.collections).length,
  };
}

export type PivotOutcomeRecord = {
  outcome: Outcome;
  statusCode: number;
  latencyMs: number;
  error?: unknown;
  routeId?: string;
  step?: string;
  heardInput?: boolean;
  replayed?: true;
};

export function recordPivotOutcome(t: Telemetry, request: PivotRequest | undefined, record: PivotOutcomeRecord): void {
  const { outcome, statusCode, error } = record;
  const branch = 'branch' in outcome ? outcome.branch : undefined;
  const fields = {
    ...callFields(request),
    outcome: describeOutcome(outcome),
    ...(branch && { branch }),
    status: statusCode,
    latencyMs: Math.round(record.latencyMs),
    // A follow-up URL whose sealed state was already replaced: Kazoo retried it, answers raced, or someone replays it.
    ...(record.replayed ? { replayed: true } : {}),
  };
  if (statusCode >= 400 && statusCode < 500) t.logger.warn('pivot refused', { ...fields, error: describeError(error) });
  else if (error) t.logger.warn('pivot answered in degraded mode', { ...fields, error: describeError(error) });
  // A 503 Kazoo turns into the pivot node's `_` branch: never only an info line, never without why.
  else if (statusCode >= 500) t.logger.warn('pivot not served', { ...fields, reason: unservedReason(outcome) });
  else t.logger.info('pivot answered', fields);

  t.metrics.addMetric('Requests', MetricUnit.Count, 1);
  t.metrics.addMetric('Latency', MetricUnit.Milliseconds, record.latencyMs);
  if (outcome.kind === 'rule' || outcome.kind === 'option') t.metrics.addMetric('MatchedRule', MetricUnit.Count, 1);
  // A closure answering calls is worth a graph of its own; an emergency one, an alarm if someone forgets to reopen.
  if (outcome.kind === 'closed') t.metrics.addMetric(outcome.closure === 'emergency' ? 'EmergencyClosed' : 'Closed', MetricUnit.Count, 1);
  if (outcome.kind === 'fallback' || outcome.kind === 'no-match' || (outcome.kind === 'degraded' && outcome.answer === 'fallback')) {
    t.metrics.addMetric('Fallback', MetricUnit.Count, 1);
  }
  if (statusCode >= 500 || error) t.metrics.addMetric('Errors', MetricUnit.Count, 1);
  recordSplitBranch(t, request?.routeId, outcome);
  // Multi-region: a request a `_` pivot sent here, and a follow-up whose state had not replicated yet.
  if (request && request.failover.hop > 0) t.metrics.addMetric('FailoverRequests', MetricUnit.Count, 1);
  if (outcome.kind === 'retry' && outcome.reason === 'state-not-arrived') t.metrics.addMetric('FollowUpRestarted', MetricUnit.Count, 1);
  recordIvrFunnel(t, record);
}

export type CallEndRecord = (EndCallResult | { answer: { statusCode: number }; error: unknown }) & { latencyMs: number };

/** The cdr's one line: the call's story when it ended, the refusal otherwise. */
export function recordCallEnd(t: Telemetry, request: PivotRequest, record: CallEndRecord): void {
  const status = record.answer.statusCode;
  const fields = {
    callId: request.callId,
    accountId: request.accountId,
    route: loggedRoute(request.routeId),
    status,
    latencyMs: Math.round(record.latencyMs),
  };
  t.metrics.addMetric('Requests', MetricUnit.Count, 1);
  if ('error' in record) {
    t.logger.warn(status < 500 ? 'cdr refused' : 'cdr not recorded', { ...fields, error: describeError(record.error) });
    if (status >= 500) t.metrics.addMetric('Errors', MetricUnit.Count, 1);
    return;
  }
  t.logger.info(record.status === 'ignored' ? 'cdr event ignored' : 'call ended', { ...fields, ...record.summary });
  if (record.ended) t.metrics.addMetric('CallsEnded', MetricUnit.Count, 1);
}

/** Why a decided request got no callflow, in words for the log (the outcome alone says only `no-match`). */
function unservedReason(outcome: Outcome): string {
  if (outcome.kind === 'no-match') return 'no rule matched and the route has no fallback';
  if ('fallbackInvalid' in outcome && outcome.fallbackInvalid) return "the route's fallback callflow is invalid once filled in";
  return `no callflow for outcome ${describeOutcome(outcome)}`;
}

/**
 * A request answered before lib could (unreadable, too large, refused source) or
 * because nothing could run (a bad environment, an unexpected error): one line,
 * counted like the others. A 5xx is an error: every call fails until it is fixed.
 */
export function recordRefusal(t: Telemetry, statusCode: number, error: unknown): void {
  if (statusCode >= 500) t.logger.error('request not served', { status: statusCode, error: describeError(error) });
  else t.logger.warn('request refused', { status: statusCode, error: describeError(error) });
  t.metrics.addMetric('Requests', MetricUnit.Count, 1);
  if (statusCode >= 500) t.metrics.addMetric('Errors', MetricUnit.Count, 1);
}

/** An error's name and message for a log line; the stack stays in the logs, never in a response. */
export function describeError(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  return { name: error.name, message: error.message, cause };
}
