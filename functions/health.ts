import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// Read once per container, like every other setting.
const BODY = JSON.stringify({
  status: 'ok',
  service: process.env['POWERTOOLS_SERVICE_NAME'],
  version: process.env['AWS_LAMBDA_FUNCTION_VERSION'],
  region: process.env['AWS_REGION'],
});

// Deliberately touches neither DynamoDB nor the token secret: a load balancer or
// uptime probe must be able to tell "Lambda and API Gateway answer" apart from
// "the data path is broken", and must not cost table reads.
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: BODY,
});
