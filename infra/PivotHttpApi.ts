import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination, type ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Kazoo authenticates with `?token=` in the URL, so anything that echoes the
 * query string would write the secret into CloudWatch for everyone with log
 * access. Only fields that never carry it are listed: `$context.path` is the
 * path alone, and the raw request line, `$context.requestOverride.*` or
 * custom-domain full-path variables are deliberately absent.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

export const pivotAccessLogFormat = AccessLogFormat.custom(JSON.stringify(accessLogFields));

export interface PivotHttpApiProps {
  readonly pivotHandler: IFunction;
  readonly cdrHandler: IFunction;
  readonly healthHandler: IFunction;
  readonly throttle: ThrottleSettings;
  readonly logRetention: RetentionDays;
}

/** The URLs Kazoo calls: voice_url `/pivot/{route}`, cdr_url `/pivot/{route}/cdr`, plus `/health` for probes. */
export class PivotHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: PivotHttpApiProps) {
    super(scope, id);

    // The default stage is built by hand: HttpApi's own one takes neither access logs nor throttling.
    this.api = new HttpApi(this, 'Api', {
      description: 'Kazoo Pivot: callflow JSON for voice_url, call summaries for cdr_url',
      createDefaultStage: false,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A runaway Kazoo cluster or a scanner must not turn into an unbounded Lambda and DynamoDB bill.
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: pivotAccessLogFormat,
      },
    });

    // Kazoo sends a GET or a form POST depending on the callflow's `method`.
    this.api.addRoutes({
      path: '/pivot/{route}',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('Pivot', props.pivotHandler),
    });
    this.api.addRoutes({
      path: '/pivot/{route}/cdr',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('Cdr', props.cdrHandler),
    });
    this.api.addRoutes({
      path: '/health',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('Health', props.healthHandler),
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Kazoo Pivot can neither sign requests nor send auth headers; pivot and cdr routes check a per-route ?token= (an HMAC of the route id under a key in Secrets Manager) in the handler, and /health is a deliberately public probe that returns no data.',
    });
  }

  /** The `$default` stage URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
