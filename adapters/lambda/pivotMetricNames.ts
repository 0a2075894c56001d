import type { FunnelEvent } from '../../lib/pivot/ivrFunnel';

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
/** The metrics' namespace and the dimension Powertools adds to each (POWERTOOLS_SERVICE_NAME). */
export const METRICS_NAMESPACE = 'KazooPivot';
export const SERVICE_DIMENSION = 'service';
export const FUNNEL_DIMENSIONS = ['Route', 'Step'] as const;
export const OPTION_DIMENSIONS = ['Route', 'Step', 'Option'] as const;
export const OUTCOME_DIMENSION = 'Outcome';
