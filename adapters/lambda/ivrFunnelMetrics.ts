import { MetricUnit } from './emfMetrics';
import { funnelEvents, type FunnelInput } from '../../lib/pivot/ivrFunnel';
import type { Outcome } from '../../lib/rules/outcome';
import { ANSWERS_METRIC, FUNNEL_METRICS, OUTCOME_DIMENSION, UNAVAILABLE_METRIC } from './pivotMetricNames';
import type { Telemetry } from './telemetry';

/** Adds one answer to the IVR funnel and the answers-by-outcome count (bounded dimensions: see pivotMetricNames.ts). */
export type FunnelRecord = FunnelInput & { outcome: Outcome; statusCode: number; routeId?: string; step?: string };

export function recordIvrFunnel(t: Telemetry, record: FunnelRecord): void {
  const emit = emitterFor(t);
  emit.addDimension(OUTCOME_DIMENSION, record.outcome.kind);
  emit.addMetric(ANSWERS_METRIC, MetricUnit.Count, 1);
  if (record.statusCode === 503) t.metrics.addMetric(UNAVAILABLE_METRIC, MetricUnit.Count, 1);

  // Refused and unknown routes: the id is the caller's, not ours.
  if (record.routeId === undefined || record.outcome.kind === 'refused') return;
  for (const event of funnelEvents({ outcome: record.outcome, awaiting: record.step, heardInput: record.heardInput })) {
    emit.addDimension('Route', record.routeId);
    emit.addDimension('Step', event.step);
    if (event.kind === 'chosen') emit.addDimension('Option', String(event.option));
    emit.addMetric(FUNNEL_METRICS[event.kind], MetricUnit.Count, 1);
  }
}

/**
 * Metrics with their own dimensions need an EMF line each: each Telemetry keeps
 * one single-metric emitter, which writes a line on every addMetric and forgets
 * that line's dimensions. It writes where its parent writes, even when a test or
 * the bench swapped the parent's sink after building it.
 */
const emitters = new WeakMap<Telemetry['metrics'], Telemetry['metrics']>();

function emitterFor(t: Telemetry): Telemetry['metrics'] {
  let emitter = emitters.get(t.metrics);
  if (!emitter) {
    emitter = t.metrics.singleMetric();
    emitters.set(t.metrics, emitter);
  }
  emitter.console = t.metrics.console;
  return emitter;
}
