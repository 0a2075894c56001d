import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { SourceNotAllowedError } from '../../lib/errors';
import { errorAnswer, type HttpAnswer } from '../../lib/http/httpAnswer';
import type { SourceAllowlist } from '../../lib/http/sourceAllowlist';
import type { HttpRequest } from '../../lib/request/httpRequest';
import { httpApiResultOf, httpRequestOf, type RequestLimits } from '../http/httpApiEvent';
import { recordRefusal, type Telemetry } from './telemetry';

/**
 * What API Gateway invokes. The event is `unknown` on purpose: whatever arrives
 * is checked at run time by the edge adapter (adapters/http/httpApiEvent.ts),
 * and tests hand it deliberately broken events.
 */
export type LambdaHttpHandler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** One route's work on a plain request; it logs its own line and adds its own metrics. */
export type HttpRoute = (request: HttpRequest) => Promise<HttpAnswer>;

/** What every request is held to before the route sees it: sizes, and (when set) the source allowlist. */
export type EdgeRules = RequestLimits & { sourceAllowlist?: SourceAllowlist };

/**
 * The chain every HTTP function runs in, the same on Lambda, in tests and
 * behind the local server:
 * - invocationTelemetry: the invocation's ids on every log line, the
 *   cold-start metric, then this invocation's metrics flushed once, whether it
 *   answered or failed;
 * - the edge adapter: size limits, then the event turned into an HttpRequest;
 * - the source allowlist, when the deployment has one: before the route checks
 *   a token or reads anything;
 * - jsonErrorAnswer: whatever escapes answered as a deliberate JSON error.
 * `limits` is read per request from the runtime, which is built on first use.
 */
export function createHttpFunction(telemetry: Telemetry, limits: () => EdgeRules, route: HttpRoute): LambdaHttpHandler {
  // No early-timeout timer per request: answerPivotRequest's own deadline (BUDGET_MS) answers long before Lambda's timeout.
  const chain = middy({ timeoutEarlyInMillis: 0 })
    .use(invocationTelemetry(telemetry))
    .use(jsonErrorAnswer(telemetry))
    .handler(async (event: unknown) => {
      const rules = limits();
      const request = httpRequestOf(event, rules);
      if (rules.sourceAllowlist && !rules.sourceAllowlist.allows(request.sourceIp)) throw new SourceNotAllowedError(request.sourceIp);
      return httpApiResultOf(await route(request));
    });
  return chain as unknown as LambdaHttpHandler;
}

/** What Powertools' injectLambdaContext and logMetrics middlewares did, without their per-request cost. */
function invocationTelemetry(telemetry: Telemetry): MiddlewareObj {
  const flush = () => {
    telemetry.metrics.publishStoredMetrics();
  };
  return {
    before: (request) => {
      telemetry.logger.addContext(request.context);
      telemetry.metrics.captureColdStartMetric(request.context.functionName);
    },
    after: flush,
    onError: flush,
  };
}

/**
 * Whatever escapes the route or a middleware ends as a JSON error with a
 * deliberate status, never a 500. The answer is set, not returned: returning
 * would end middy's error chain before logMetrics flushes this request's metrics.
 */
function jsonErrorAnswer(telemetry: Telemetry): MiddlewareObj {
  return {
    onError: (request) => {
      const answer = errorAnswer(request.error);
      recordRefusal(telemetry, answer.statusCode, request.error);
      request.response = httpApiResultOf(answer);
    },
  };
}
