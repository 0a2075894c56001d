import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PivotRequest } from '../../lib/request/pivotRequest';

/**
 * Structured logs (Powertools Logger) and CloudWatch EMF metrics (Powertools
 * Metrics). What goes out is chosen field by field: never the token, never
 * digit values (they may be PINs), never a whole request.
 */
export type Telemetry = { logger: Logger; metrics: Metrics };

export function createTelemetry(serviceName: string): Telemetry {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? 'KazooPivot' }),
  };
}

export function callFields(request: PivotRequest | undefined): Record<string, string | number | undefined> {
  if (!request) return {};
  return {
    callId: request.callId,
    accountId: request.accountId,
    route: request.routeId,
    step: request.step,
    dialect: request.dialect,
    method: request.method,
    digitCollections: Object.keys(request.digits.collections).length,
  };
}

export type PivotOutcomeRecord = { outcome: string; statusCode: number; latencyMs: number; error?: unknown };

export function recordPivotOutcome(t: Telemetry, request: PivotRequest | undefined, record: PivotOutcomeRecord): void {
  const fields = { ...callFields(request), outcome: record.outcome, status: record.statusCode, latencyMs: Math.round(record.latencyMs) };
  if (record.statusCode >= 400 && record.statusCode < 500) t.logger.warn('pivot refused', { ...fields, error: describeError(record.error) });
  else if (record.error) t.logger.warn('pivot answered in degraded mode', { ...fields, error: describeError(record.error) });
  else t.logger.info('pivot answered', fields);

  t.metrics.addMetric('Requests', MetricUnit.Count, 1);
  t.metrics.addMetric('Latency', MetricUnit.Milliseconds, record.latencyMs);
  const kind = record.outcome.split(':')[0]!;
  if (kind === 'rule' || kind === 'option') t.metrics.addMetric('MatchedRule', MetricUnit.Count, 1);
  if (kind === 'fallback' || kind === 'no-match' || record.outcome === 'degraded:fallback') t.metrics.addMetric('Fallback', MetricUnit.Count, 1);
  if (record.statusCode >= 500 || record.error) t.metrics.addMetric('Errors', MetricUnit.Count, 1);
  t.metrics.publishStoredMetrics();
}

/** An error's name and message for a log line; the stack stays in the logs, never in a response. */
export function describeError(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  return { name: error.name, message: error.message, cause };
}
