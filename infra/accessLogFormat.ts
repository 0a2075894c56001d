import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

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
