import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2 | undefined>;

/**
 * The stack's Lambda timeout for the default 2.5 s budget (functionTimeoutFor in infra/PivotFunction.ts):
 * middy arms its early-timeout from getRemainingTimeInMillis, as on Lambda.
 */
const LAMBDA_TIMEOUT_MS = 3000;

export function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + LAMBDA_TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Writes a handler's result the way API Gateway turns payload-2.0 results into
 * HTTP: a structured result as given (base64 bodies decoded), anything else as
 * a 200 JSON body.
 */
export function writeLambdaResult(res: ServerResponse, result: APIGatewayProxyResultV2 | undefined, requestId: string): void {
  res.setHeader('apigw-requestid', requestId);
  if (result === undefined || typeof result === 'string' || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return;
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  const body = result.body === undefined ? '' : result.body;
  res.writeHead(result.statusCode ?? 200);
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** API Gateway's own answers, for requests that never reach a function. */
export function writeGatewayError(res: ServerResponse, statusCode: number, message: string): void {
  res.writeHead(statusCode, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
}
