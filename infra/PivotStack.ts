import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { PivotService } from './PivotService';
import { type PivotSettings, pivotSettingsFromContext } from './pivotSettings';

export interface PivotStackProps extends StackProps {
  /** Overrides for this stack; unset values come from `pivot:*` context, then defaults. */
  readonly settings?: Partial<PivotSettings>;
}

/**
 * Env-agnostic on purpose: synth needs no credentials or lookups, and the same
 * template deploys to whichever account and region the CLI is pointed at.
 */
export class PivotStack extends Stack {
  readonly service: PivotService;

  constructor(scope: Construct, id: string, props: PivotStackProps = {}) {
    super(scope, id, {
      description: 'Kazoo Pivot handlers: HTTP API, Lambda, DynamoDB',
      ...props,
    });
    const settings: PivotSettings = { ...pivotSettingsFromContext(this.node), ...definedOnly(props.settings) };

    this.service = new PivotService(this, 'Pivot', {
      budgetMs: settings.budgetMs,
      retainTable: settings.retainTable,
      deletionProtection: settings.deletionProtection,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      alarmTopic: settings.alarmTopicArn ? Topic.fromTopicArn(this, 'AlarmTopic', settings.alarmTopicArn) : undefined,
    });

    new CfnOutput(this, 'PivotBaseUrl', {
      description: 'Kazoo voice_url is <this><route id>?token=<token>; cdr_url adds /cdr after the route id',
      value: this.service.pivotBaseUrl,
    });
    new CfnOutput(this, 'TableName', {
      description: 'DynamoDB table holding routes (ROUTE#<id>) and call state (CALL#<id>)',
      value: this.service.table.tableName,
    });
    // The command, never the value: outputs are readable by anyone with cloudformation:DescribeStacks.
    new CfnOutput(this, 'TokenCommand', {
      description: 'Prints the token Kazoo must send as ?token=',
      value: `aws secretsmanager get-secret-value --secret-id ${this.service.tokenSecret.secretArn} --region ${this.region} --query SecretString --output text`,
    });
  }
}

function definedOnly<T extends object>(values: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}
