import middy from '@middy/core';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { answerPivotRequest } from '../lib/pivot/answerPivotRequest';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { jsonErrorAnswer } from '../adapters/lambda/jsonErrorAnswer';
import type { LambdaHttpHandler } from '../adapters/lambda/lambdaHttpHandler';
import { createPivotRuntime, lazyRuntime, type PivotRuntime } from '../adapters/lambda/pivotRuntime';
import { requestSizeLimit } from '../adapters/lambda/requestSizeLimit';
import { routeUrlOf } from '../adapters/lambda/routeUrl';
import { createTelemetry, recordPivotOutcome, type Telemetry } from '../adapters/lambda/telemetry';

/**
 * GET and POST /pivot/{route}: Kazoo's pivot node calls this and runs the
 * callflow we answer. Parse, call lib, map to HTTP; nothing else lives here.
 */
export function createPivotHandler(runtime: () => PivotRuntime, telemetry: Telemetry, options: { scheme?: 'https' | 'http' } = {}): LambdaHttpHandler {
  const chain = middy()
    .use(requestSizeLimit(() => ({ maxBodyBytes: runtime().config.MAX_BODY_BYTES, maxQueryBytes: runtime().config.MAX_QUERY_BYTES })))
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .use(jsonErrorAnswer(telemetry))
    .handler(async (event) => {
      const started = performance.now();
      const rt = runtime();
      const request = normalizePivotRequest(event);
      const result = await answerPivotRequest(rt, request, { now: rt.clock(event), routeUrl: routeUrlOf(event, options.scheme) });
      recordPivotOutcome(telemetry, request, {
        outcome: result.outcome,
        statusCode: result.answer.statusCode,
        latencyMs: performance.now() - started,
        error: result.error,
      });
      return result.answer;
    });
  return chain as unknown as LambdaHttpHandler;
}

const telemetry = createTelemetry(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'kazoo-pivot');
telemetry.metrics.captureColdStartMetric();

export const handler = createPivotHandler(
  lazyRuntime(() => createPivotRuntime(process.env, telemetry)),
  telemetry,
);
