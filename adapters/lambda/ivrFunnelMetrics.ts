import { MetricUnit } from './emfMetrics';
import { funnelEvents, type FunnelInput } from '../../lib/pivot/ivrFunnel';
import type { Outcome } from '../../lib/rules/outcome';
import { ANSWERS_METRIC, FUNNEL_METRICS, OUTCOME_DIMENSION, UNAVAILABLE_METRIC } from './pivotMetricNames';
import type { Telemetry } from './telemetry';

/** Adds one answer to the IVR funnel and the answers-by-outcome count (bounded dimensions: see pivotMetricNames.ts). */
export type FunnelRecord = FunnelInput & { outcome: Outcome; statusCode: number; routeId?: string; step?: string };

export function recordIvrFunnel(t: Telemetry, record: FunnelRecord): void {
  t.metrics.addMetric(ANSWERS_METRIC, MetricUnit.Count, 1, { [OUTCOME_DIMENSION]: record.outcome.kind });
  if (record.statusCode === 503) t.metrics.addMetric(UNAVAILABLE_METRIC, MetricUnit.Count, 1);

  // Refused and unknown routes: the id is the caller's, not ours.
  if (record.routeId === undefined || record.outcome.kind === 'refused') return;
  for (const event of funnelEvents({ outcome: record.outcome, awaiting: record.step, heardInput: record.heardInput })) {
    const dimensions: Record<string, string> = { Route: record.routeId, Step: event.step };
    if (event.kind === 'chosen') dimensions['Option'] = String(event.option);
    t.metrics.addMetric(FUNNEL_METRICS[event.kind], MetricUnit.Count, 1, dimensions);
  }
}
