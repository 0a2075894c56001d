import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/**
 * What API Gateway invokes. The event is `unknown` on purpose: middy's middleware
 * typings intersect the v1 and v2 event shapes (no real event satisfies both),
 * and the normalizer checks the event's shape at run time with zod anyway.
 */
export type LambdaHttpHandler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
