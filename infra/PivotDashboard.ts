import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IMetric, MathExpression, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  ANSWERS_METRIC,
  FUNNEL_DIMENSIONS,
  FUNNEL_METRICS,
  METRICS_NAMESPACE,
  OPTION_DIMENSIONS,
  OUTCOME_DIMENSION,
  SERVICE_DIMENSION,
  UNAVAILABLE_METRIC,
} from '../adapters/lambda/pivotMetricNames';

export interface PivotDashboardProps {
  readonly api: IHttpApi;
  readonly pivotHandler: IFunction;
  /** POWERTOOLS_SERVICE_NAME of the pivot function: the `service` dimension of its metrics. */
  readonly serviceName: string;
  readonly budgetMs: number;
  /** How long Kazoo waits for a Pivot answer before it takes the `_` branch. */
  readonly kazooTimeoutMs: number;
}

const period = Duration.minutes(5);

/**
 * One CloudWatch dashboard for an operator on call: the IVR funnel per route
 * and step, answers by outcome, p99 latency against Kazoo's limit, and the
 * answers a caller notices (fallbacks, 503s). Per-route series come from
 * SEARCH expressions, so a new route or step shows up without a deploy.
 */
export class PivotDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PivotDashboardProps) {
    super(scope, id);
    const service = props.serviceName;
    const metric = (metricName: string, statistic = 'Sum', label?: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { [SERVICE_DIMENSION]: service }, statistic, period, label });
    const search = (metricName: string, dimensions: readonly string[], label: string): IMetric =>
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},${[...dimensions, SERVICE_DIMENSION].join(',')}} MetricName="${metricName}" ${SERVICE_DIMENSION}="${service}"', 'Sum', ${period.toSeconds()})`,
        label,
        usingMetrics: {},
        period,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });

    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Kazoo Pivot\nIVR funnel per route and step (`Route`, `Step`, `Option` dimensions), answers by outcome, and what callers notice: slow answers (Kazoo gives up after ' +
          `${props.kazooTimeoutMs / 1000} s), fallbacks and 503s (Kazoo takes the pivot node's \`_\` branch).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'IVR funnel: entered, invalid, timed out, retries exhausted, fallback (per route and step)',
        left: [
          search(FUNNEL_METRICS.entered, FUNNEL_DIMENSIONS, 'entered'),
          search(FUNNEL_METRICS.invalid, FUNNEL_DIMENSIONS, 'invalid'),
          search(FUNNEL_METRICS['timed-out'], FUNNEL_DIMENSIONS, 'timed out'),
          search(FUNNEL_METRICS['retries-exhausted'], FUNNEL_DIMENSIONS, 'retries exhausted'),
          search(FUNNEL_METRICS.fallback, FUNNEL_DIMENSIONS, 'fallback'),
        ],
        width: 12,
        height: 8,
      }),
      new GraphWidget({
        title: 'IVR options chosen (per route, step and option)',
        left: [search(FUNNEL_METRICS.chosen, OPTION_DIMENSIONS, 'chosen')],
        width: 12,
        height: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Answers by outcome',
        left: [search(ANSWERS_METRIC, [OUTCOME_DIMENSION], 'answers')],
        stacked: true,
        width: 8,
        height: 6,
      }),
      new GraphWidget({
        title: `p99 latency against Kazoo's ${props.kazooTimeoutMs / 1000} s limit`,
        left: [
          metric('Latency', 'p99', 'pivot answer p99 (ms)'),
          props.pivotHandler.metricDuration({ period, statistic: 'p99', label: 'Lambda duration p99 (ms)' }),
        ],
        leftAnnotations: [
          { value: props.kazooTimeoutMs, label: `Kazoo gives up (${props.kazooTimeoutMs} ms)` },
          { value: props.budgetMs, label: `our budget (${props.budgetMs} ms)` },
        ],
        width: 8,
        height: 6,
      }),
      new GraphWidget({
        title: 'Fallbacks and 503s',
        left: [
          metric('Fallback', 'Sum', 'fallback callflows'),
          metric(UNAVAILABLE_METRIC, 'Sum', '503 answers'),
          props.api.metricServerError({ period, statistic: 'Sum', label: 'API Gateway 5xx' }),
        ],
        width: 8,
        height: 6,
      }),
    );
  }
}
