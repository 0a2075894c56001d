import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { funnelEvents, type FunnelEvent, type FunnelInput } from '../../lib/pivot/ivrFunnel';
import type { Outcome } from '../../lib/rules/outcome';
import type { Telemetry } from './telemetry';

/**
 * The IVR funnel and answers by outcome as CloudWatch metrics (EMF), the names
 * the dashboard (infra/PivotDashboard.ts) reads. Dimensions are bounded: a
 * route id only once the route was found (a refused request's id comes from
 * the URL and is never a dimension), step names and option positions from the
 * route file, outcome kinds from a fixed list.
 */
export const FUNNEL_METRICS: Record<FunnelEvent['kind'], string> = {
  entered: 'IvrEntered',
  chosen: 'IvrOptionChosen',
  invalid: 'IvrInvalid',
  'timed-out': 'IvrTimedOut',
  'retries-exhausted': 'IvrRetriesExhausted',
  fallback: 'IvrFallback',
};
/** Every answer, by outcome kind (rule, option, retry, failure, fallback, no-match, degraded, refused). */
export const ANSWERS_METRIC = 'Answers';
/** Answers with status 503: Kazoo took the pivot node's `_` branch. */
export const UNAVAILABLE_METRIC = 'Unavailable';
export const FUNNEL_DIMENSIONS = ['Route', 'Step'] as const;
export const OPTION_DIMENSIONS = ['Route', 'Step', 'Option'] as const;
export const OUTCOME_DIMENSION = 'Outcome';

export type FunnelRecord = FunnelInput & { outcome: Outcome; statusCode: number; routeId?: string; step?: string };

export function recordIvrFunnel(t: Telemetry, record: FunnelRecord): void {
  const byOutcome = t.metrics.singleMetric();
  byOutcome.addDimension(OUTCOME_DIMENSION, record.outcome.kind);
  byOutcome.addMetric(ANSWERS_METRIC, MetricUnit.Count, 1);
  if (record.statusCode === 503) t.metrics.addMetric(UNAVAILABLE_METRIC, MetricUnit.Count, 1);

  // Refused and unknown routes: the id is the caller's, not ours.
  if (record.routeId === undefined || record.outcome.kind === 'refused') return;
  for (const event of funnelEvents({ outcome: record.outcome, awaiting: record.step, heardInput: record.heardInput })) {
    const metric = t.metrics.singleMetric();
    metric.addDimension('Route', record.routeId);
    metric.addDimension('Step', event.step);
    if (event.kind === 'chosen') metric.addDimension('Option', String(event.option));
    metric.addMetric(FUNNEL_METRICS[event.kind], MetricUnit.Count, 1);
  }
}
