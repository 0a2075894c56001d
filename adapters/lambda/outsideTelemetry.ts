import { MetricUnit } from './emfMetrics';
import type { CalendarReport } from '../../lib/calendar/calendarFeeds';
import type { LookupReport } from '../../lib/lookups/lookupResolver';
import type { Outcome } from '../../lib/rules/outcome';
import type { Telemetry } from './telemetry';

/**
 * One line and a few metrics per lookup: which route and lookup, where (host and
 * path only), how long, and whether it was a cache hit, a fresh answer, the last
 * good copy or nothing. Never the query string, headers, body, secret or values.
 */
export function recordLookup(t: Telemetry, report: LookupReport): void {
  const fields = { ...report, latencyMs: Math.round(report.latencyMs) };
  const missing = report.source === 'failed' || report.source === 'short-circuited';
  if (missing || report.reason) t.logger.warn(missing ? 'lookup missing; the call goes on without it' : 'lookup served stale', fields);
  else t.logger.info('lookup', fields);
  t.metrics.addMetric('LookupLatency', MetricUnit.Milliseconds, report.latencyMs);
  if (report.source === 'hit' || report.source === 'stale') t.metrics.addMetric('LookupCacheHits', MetricUnit.Count, 1);
  if (report.reason) t.metrics.addMetric('LookupFailures', MetricUnit.Count, 1);
  if (report.source === 'short-circuited') t.metrics.addMetric('LookupShortCircuited', MetricUnit.Count, 1);
}

export function recordCalendarFeed(t: Telemetry, report: CalendarReport): void {
  const fields = { ...report, latencyMs: Math.round(report.latencyMs) };
  if (report.reason) t.logger.warn('calendar feed not fetched; the last good copy (if any) is used', fields);
  else if (report.source !== 'hit') t.logger.info('calendar feed', fields);
  if (report.reason) t.metrics.addMetric('CalendarFeedFailures', MetricUnit.Count, 1);
}

/** The branch of a weighted split a call took, as a metric per route and branch so the branches can be compared. */
export function recordSplitBranch(t: Telemetry, routeId: string | undefined, outcome: Outcome): void {
  if (!('branch' in outcome) || !outcome.branch || !routeId) return;
  t.metrics.addMetric('SplitBranch', MetricUnit.Count, 1, { route: routeId, branch: outcome.branch });
}
