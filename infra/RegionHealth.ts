import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The namespace and service dimension the pivot function's EMF metrics carry (PivotStack's environment). */
export const pivotMetricsNamespace = 'KazooPivot';
export const pivotServiceName = 'kazoo-pivot';

export interface RegionHealthProps {
  readonly alarmTopic?: ITopic;
  /** Answer rate (share of pivot requests answered without an error) under which the region alarms. @default 0.95 */
  readonly minimumAnswerRate?: number;
}

/**
 * What one region of a multi-region deployment adds to PivotAlarms: its answer rate
 * and the failovers it receives. CloudWatch metrics are regional, so each region's
 * stack watches its own; side by side they are the answer rate by region.
 */
export class RegionHealth extends Construct {
  readonly answerRate: MathExpression;
  readonly failoverRequests: Metric;
  readonly followUpsRestarted: Metric;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: RegionHealthProps = {}) {
    super(scope, id);
    const period = Duration.minutes(5);
    const region = Stack.of(this).region;
    const pivotMetric = (metricName: string) =>
      new Metric({ namespace: pivotMetricsNamespace, metricName, dimensionsMap: { service: pivotServiceName }, period, statistic: 'Sum' });

    this.answerRate = new MathExpression({
      expression: 'IF(requests > 0, (requests - errors) / requests, 1)',
      usingMetrics: { requests: pivotMetric('Requests'), errors: pivotMetric('Errors') },
      label: `Answer rate ${region}`,
      period,
    });
    // Counted by the pivot function for requests that reached it through a `_` pivot (`hop` >= 1).
    this.failoverRequests = pivotMetric('FailoverRequests');
    // Follow-ups whose call state had not replicated yet: the step was asked again.
    this.followUpsRestarted = pivotMetric('FollowUpRestarted');

    const minimum = props.minimumAnswerRate ?? 0.95;
    this.alarms = [
      new Alarm(this, 'AnswerRate', {
        alarmDescription: `Fewer than ${minimum * 100}% of pivot requests in ${region} were answered without an error: calls are taking the pivot node's _ child.`,
        metric: this.answerRate,
        threshold: minimum,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'FailoverArriving', {
        alarmDescription: `Calls reach ${region} through a _ failover pivot: the region before it in the Kazoo pivot chain is not answering.`,
        metric: this.failoverRequests,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    const topic = props.alarmTopic;
    if (topic) for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(topic));
  }
}
