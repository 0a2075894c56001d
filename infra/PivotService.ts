import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
// The handlers' own key scheme, so IAM and the code cannot drift apart.
import { CALL_KEY_PREFIX, ROUTE_KEY_PREFIX } from '../adapters/dynamodb/pivotTableKeys';
import { functionTimeoutFor } from './functionTimeout';
import { grantKeyPrefixAccess } from './grantKeyPrefixAccess';
import { KazooTokenSecret } from './KazooTokenSecret';
import { PivotAlarms } from './PivotAlarms';
import { PivotFunction } from './PivotFunction';
import { PivotHttpApi } from './PivotHttpApi';
import { PivotTable } from './PivotTable';

export interface PivotServiceProps {
  /** Per-request time budget of the handlers, in milliseconds. */
  readonly budgetMs: number;
  readonly retainTable: boolean;
  readonly deletionProtection: boolean;
  readonly throttle: ThrottleSettings;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  readonly alarmTopic?: ITopic;
}

/** Everything Kazoo's Pivot needs on AWS: table, token, the three handlers, the HTTP API and its alarms. */
export class PivotService extends Construct {
  readonly table: PivotTable;
  readonly tokenSecret: KazooTokenSecret;
  readonly pivot: PivotFunction;
  readonly cdr: PivotFunction;
  readonly health: PivotFunction;
  readonly httpApi: PivotHttpApi;
  readonly alarms: PivotAlarms;

  constructor(scope: Construct, id: string, props: PivotServiceProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const timeout = functionTimeoutFor(props.budgetMs);

    this.table = new PivotTable(this, 'Table', {
      retainOnDelete: props.retainTable,
      deletionProtection: props.deletionProtection,
    });
    this.tokenSecret = new KazooTokenSecret(this, 'KazooToken');

    // One service name per function: Powertools uses it as a metric dimension and log field.
    const observabilityFor = (serviceName: string) => ({
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: 'KazooPivot',
    });
    // The contract functions/pivot.ts and functions/cdr.ts read (adapters/lambda/runtimeConfig.ts).
    const callHandlerSettings = {
      TABLE_NAME: this.table.tableName,
      TOKEN_SECRET_ARN: this.tokenSecret.secretArn,
      BUDGET_MS: String(props.budgetMs),
      ROUTE_CACHE_TTL_MS: '30000',
      CALL_STATE_TTL_HOURS: '24',
      MAX_BODY_BYTES: '16384',
      MAX_QUERY_BYTES: '8192',
    };

    this.pivot = new PivotFunction(this, 'Pivot', {
      entry: 'functions/pivot.ts',
      description: 'Kazoo voice_url: answers a Pivot request with callflow JSON',
      timeout,
      environment: { ...callHandlerSettings, ...observabilityFor('kazoo-pivot') },
      logRetention,
    });
    this.cdr = new PivotFunction(this, 'Cdr', {
      entry: 'functions/cdr.ts',
      description: 'Kazoo cdr_url: closes the call state and logs the call summary',
      timeout,
      environment: { ...callHandlerSettings, ...observabilityFor('kazoo-pivot-cdr') },
      logRetention,
    });
    this.health = new PivotFunction(this, 'Health', {
      entry: 'functions/health.ts',
      description: 'Liveness probe; touches neither the table nor the token',
      timeout,
      environment: observabilityFor('kazoo-pivot-health'),
      logRetention,
    });

    // pivot reads routes but never writes them: routes are edited by operators, not by calls.
    grantKeyPrefixAccess(this.pivot.role, this.table, ROUTE_KEY_PREFIX, ['GetItem']);
    grantKeyPrefixAccess(this.pivot.role, this.table, CALL_KEY_PREFIX, ['GetItem', 'PutItem']);
    grantKeyPrefixAccess(this.cdr.role, this.table, CALL_KEY_PREFIX, ['GetItem', 'PutItem']);
    this.tokenSecret.grantRead(this.pivot.role);
    this.tokenSecret.grantRead(this.cdr.role);

    this.httpApi = new PivotHttpApi(this, 'Http', {
      pivotHandler: this.pivot.handler,
      cdrHandler: this.cdr.handler,
      healthHandler: this.health.handler,
      throttle: props.throttle,
      logRetention,
    });

    this.alarms = new PivotAlarms(this, 'Alarms', {
      api: this.httpApi.api,
      handlers: { Pivot: this.pivot.handler, Cdr: this.cdr.handler, Health: this.health.handler },
      pivotHandler: this.pivot.handler,
      budgetMs: props.budgetMs,
      alarmTopic: props.alarmTopic,
    });
  }

  /** Prefix of every voice_url and cdr_url: append `<route id>` or `<route id>/cdr`. */
  get pivotBaseUrl(): string {
    return `${this.httpApi.url}pivot/`;
  }
}
