import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, BillingMode, type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
// The handlers' own key scheme and defaults, so IAM, the environment and the code cannot drift apart.
import { CALL_KEY_PREFIX, CLOSURE_KEY_PREFIX, PARTITION_KEY, ROUTE_KEY_PREFIX, TTL_ATTRIBUTE } from '../adapters/dynamodb/pivotTableKeys';
import { RUNTIME_DEFAULTS } from '../adapters/lambda/runtimeConfig';
import { globalTableFor, replicatedSecretFor } from './globalPivotData';
import { PivotAlarms } from './PivotAlarms';
import { PivotDashboard } from './PivotDashboard';
import { functionTimeoutFor, kazooRequestTimeoutMs, PivotFunction } from './PivotFunction';
import { PivotHttpApi } from './PivotHttpApi';
import { grantLookupSecrets, LOOKUP_SECRET_PREFIX } from './lookupSecrets';
import { type PivotSettings, resolvePivotSettings } from './pivotSettings';
import type { RegionRole } from './regionPlan';
import { RegionHealth } from './RegionHealth';

export interface PivotStackProps extends StackProps {
  /** Overrides for this stack; unset values come from `pivot:*` context, then defaults. */
  readonly settings?: Partial<PivotSettings>;
  /** Set in a multi-region deployment (`pivot:regions`): what this region's stack creates or references. */
  readonly regionRole?: RegionRole;
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
    const settings = resolvePivotSettings(this.node, props.settings);

    this.service = new PivotService(this, 'Pivot', {
      budgetMs: settings.budgetMs,
      retainTable: settings.retainTable,
      deletionProtection: settings.deletionProtection,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      alarmTopic: settings.alarmTopicArn ? Topic.fromTopicArn(this, 'AlarmTopic', settings.alarmTopicArn) : undefined,
      allowedSourceCidrs: settings.allowedSourceCidrs,
      outboundAllowedCidrs: settings.outboundAllowedCidrs,
      regionRole: props.regionRole,
    });

    new CfnOutput(this, 'PivotBaseUrl', {
      description: "Kazoo voice_url is <this><route id>?token=<the route's token>; cdr_url adds /cdr after the route id",
      value: this.service.pivotBaseUrl,
    });
    new CfnOutput(this, 'TableName', {
      description: 'DynamoDB table holding routes (ROUTE#<id>) and call state (CALL#<id>)',
      value: this.service.table.tableName,
    });
    // The command, never a token: outputs are readable by anyone with cloudformation:DescribeStacks.
    new CfnOutput(this, 'RouteUrlCommand', {
      description: "Prints a route's voice_url and cdr_url, with its token (reads the key secret with your AWS credentials)",
      value: `npm run rules -- url <route> --base ${this.service.pivotBaseUrl} --secret ${this.service.routeKeySecret.secretArn} --region ${this.region}`,
    });
  }
}

export interface PivotServiceProps {
  /** Per-request time budget of the handlers, in milliseconds. */
  readonly budgetMs: number;
  readonly retainTable: boolean;
  readonly deletionProtection: boolean;
  readonly throttle: ThrottleSettings;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  readonly alarmTopic?: ITopic;
  /** Only these source CIDRs may call pivot and cdr (ALLOWED_SOURCE_CIDRS); unset: any. */
  readonly allowedSourceCidrs?: readonly string[];
  /** Private addresses route lookups and calendar feeds may reach (OUTBOUND_ALLOWED_CIDRS); unset: none. */
  readonly outboundAllowedCidrs?: readonly string[];
  /** Multi-region: the global table and replicated key secret instead of this region's own. */
  readonly regionRole?: RegionRole;
}

/** Everything Kazoo's Pivot needs on AWS: table, route keys, the three handlers, the HTTP API and its alarms. */
export class PivotService extends Construct {
  readonly table: ITable;
  readonly routeKeySecret: ISecret;
  readonly pivot: PivotFunction;
  readonly cdr: PivotFunction;
  readonly health: PivotFunction;
  readonly httpApi: PivotHttpApi;
  readonly alarms: PivotAlarms;
  /** Answer rate and failovers seen by this region (multi-region deployments). */
  readonly regionHealth?: RegionHealth;

  constructor(scope: Construct, id: string, props: PivotServiceProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const timeout = functionTimeoutFor(props.budgetMs);

    // Routes (`ROUTE#<id>`) and per-call IVR state (`CALL#<id>`) share one table: every
    // access is a single-item read or write by key, so no sort key or index is needed.
    const role = props.regionRole;
    const dataSettings = { retainTable: props.retainTable, deletionProtection: props.deletionProtection };
    this.table = role
      ? globalTableFor(this, 'Table', role, dataSettings)
      : new Table(this, 'Table', {
          partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
          // Call traffic is bursty (office hours, campaigns) and small: on-demand never throttles a ringing call.
          billingMode: BillingMode.PAY_PER_REQUEST,
          // Call state is worthless after the call; DynamoDB deletes it for free.
          timeToLiveAttribute: TTL_ATTRIBUTE,
          // Routes are hand-edited business rules: a bad edit must be undoable.
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: props.deletionProtection,
          removalPolicy: props.retainTable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });

    // The key every route's token (and every follow-up signature) is an HMAC under; no
    // per-route secret is stored. JSON so a rotation can hold the previous key beside it.
    const routeKeySecretProps = {
      description: 'Route keys {"current", "previous"?}: each route token in a Kazoo voice_url is an HMAC under them',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'current',
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      // Every voice_url in Kazoo derives from this key: deleting it with the stack (while the
      // retained table keeps the routes) would leave no way to print or accept those URLs.
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.routeKeySecret = role
      ? replicatedSecretFor(this, 'RouteKeys', role, routeKeySecretProps)
      : new Secret(this, 'RouteKeys', routeKeySecretProps);
    Validations.of(this.routeKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Route tokens derived from this key are pasted into Kazoo callflows (voice_url); an automatic rotation would break live calls until every callflow is edited, so it is rotated by hand with a current and a previous key (docs/security.md).',
    });

    // One service name per function: the metric dimension and log field `service` (Powertools' variable names, kept).
    const observabilityFor = (serviceName: string) => ({
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: 'KazooPivot',
    });
    // The contract functions/pivot.ts and functions/cdr.ts read (adapters/lambda/runtimeConfig.ts);
    // only the budget is the operator's, the rest are the runtime's defaults written out.
    const callHandlerSettings = {
      TABLE_NAME: this.table.tableName,
      ROUTE_KEY_SECRET_ARN: this.routeKeySecret.secretArn,
      ...Object.fromEntries(Object.entries(RUNTIME_DEFAULTS).map(([name, value]) => [name, String(value)])),
      BUDGET_MS: String(props.budgetMs),
      ...(props.allowedSourceCidrs?.length && { ALLOWED_SOURCE_CIDRS: props.allowedSourceCidrs.join(',') }),
      LOOKUP_SECRET_PREFIX,
    };

    this.pivot = new PivotFunction(this, 'Pivot', {
      entry: 'functions/pivot.ts',
      description: 'Kazoo voice_url: answers a Pivot request with callflow JSON',
      timeout,
      environment: {
        ...callHandlerSettings,
        // Only pivot calls out (route lookups, calendar feeds).
        ...(props.outboundAllowedCidrs?.length && { OUTBOUND_ALLOWED_CIDRS: props.outboundAllowedCidrs.join(',') }),
        ...observabilityFor('kazoo-pivot'),
      },
      logRetention,
    });
    this.cdr = new PivotFunction(this, 'Cdr', {
      entry: 'functions/cdr.ts',
      description: 'Kazoo cdr_url or CHANNEL_DESTROY webhook: ends the route call state and logs the call summary',
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

    // pivot and cdr read routes but never write them: routes are edited by operators, not by calls.
    // cdr reads its route for the same 404 and Account-ID allowlist as pivot.
    this.pivot.grantKeyPrefixAccess(this.table, ROUTE_KEY_PREFIX, ['GetItem']);
    this.pivot.grantKeyPrefixAccess(this.table, CALL_KEY_PREFIX, ['GetItem', 'PutItem']);
    // Emergency closures (`rules close`): read only, beside the route.
    this.pivot.grantKeyPrefixAccess(this.table, CLOSURE_KEY_PREFIX, ['GetItem']);
    this.cdr.grantKeyPrefixAccess(this.table, ROUTE_KEY_PREFIX, ['GetItem']);
    this.cdr.grantKeyPrefixAccess(this.table, CALL_KEY_PREFIX, ['GetItem', 'PutItem']);
    this.routeKeySecret.grantRead(this.pivot.role);
    this.routeKeySecret.grantRead(this.cdr.role);
    grantLookupSecrets(this.pivot, LOOKUP_SECRET_PREFIX);

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
    new PivotDashboard(this, 'Dashboard', {
      api: this.httpApi.api,
      pivotHandler: this.pivot.handler,
      serviceName: 'kazoo-pivot',
      budgetMs: props.budgetMs,
      kazooTimeoutMs: kazooRequestTimeoutMs,
    });
    if (role) this.regionHealth = new RegionHealth(this, 'RegionHealth', { alarmTopic: props.alarmTopic });
  }

  /** Prefix of every voice_url and cdr_url: append `<route id>` or `<route id>/cdr`. */
  get pivotBaseUrl(): string {
    return `${this.httpApi.url}pivot/`;
  }
}
