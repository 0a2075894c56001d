import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface PivotAlarmsProps {
  readonly api: IHttpApi;
  /** Every handler, by a short name used in alarm ids. */
  readonly handlers: Record<string, IFunction>;
  /** The handler whose latency decides whether Kazoo gets an answer in time. */
  readonly pivotHandler: IFunction;
  readonly budgetMs: number;
  readonly alarmTopic?: ITopic;
}

/** Share of the budget at which p99 latency means calls are about to fall back. */
const latencyAlarmShareOfBudget = 0.8;

/** Symptoms a caller would hear: fallback callflows, dropped requests, answers arriving too late. */
export class PivotAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PivotAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);

    this.add(
      new Alarm(this, 'Api5xx', {
        alarmDescription: 'API Gateway answered 5xx: Kazoo ran its fallback instead of the route. Check the pivot and cdr logs.',
        metric: props.api.metricServerError({ period, statistic: 'Sum' }),
        threshold: 5,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      props.alarmTopic,
    );

    for (const [name, handler] of Object.entries(props.handlers)) {
      this.add(
        new Alarm(this, `${name}Throttles`, {
          alarmDescription: `The ${name} Lambda was throttled: requests were refused. Check account or reserved concurrency.`,
          metric: handler.metricThrottles({ period, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        props.alarmTopic,
      );
    }

    // Sustained, not a single slow cold start: three periods in a row.
    this.add(
      new Alarm(this, 'PivotLatencyNearBudget', {
        alarmDescription: `pivot p99 duration is above ${latencyAlarmShareOfBudget * 100}% of its ${props.budgetMs} ms budget: answers are close to arriving after Kazoo gives up.`,
        metric: props.pivotHandler.metricDuration({ period, statistic: 'p99' }),
        threshold: Math.round(props.budgetMs * latencyAlarmShareOfBudget),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      props.alarmTopic,
    );
  }

  private add(alarm: Alarm, topic: ITopic | undefined): void {
    if (topic) alarm.addAlarmAction(new SnsAction(topic));
    this.alarms.push(alarm);
  }
}
