import middy from '@middy/core';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { endCall } from '../lib/pivot/endCall';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { jsonErrorAnswer } from '../adapters/lambda/jsonErrorAnswer';
import type { LambdaHttpHandler } from '../adapters/lambda/lambdaHttpHandler';
import { createPivotRuntime, lazyRuntime, type PivotRuntime } from '../adapters/lambda/pivotRuntime';
import { requestSizeLimit } from '../adapters/lambda/requestSizeLimit';
import { createTelemetry, type Telemetry } from '../adapters/lambda/telemetry';

/** POST /pivot/{route}/cdr: Kazoo's cdr_url at the end of a call. Ends the call state, logs one line. */
export function createCdrHandler(runtime: () => PivotRuntime, telemetry: Telemetry): LambdaHttpHandler {
  const chain = middy()
    .use(requestSizeLimit(() => ({ maxBodyBytes: runtime().config.MAX_BODY_BYTES * 4, maxQueryBytes: runtime().config.MAX_QUERY_BYTES })))
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .use(jsonErrorAnswer(telemetry))
    .handler(async (event) => {
      const request = normalizePivotRequest(event);
      const { answer, summary } = await endCall(runtime(), request);
      telemetry.logger.info('call ended', { ...summary, accountId: request.accountId });
      return answer;
    });
  return chain as unknown as LambdaHttpHandler;
}

const telemetry = createTelemetry(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'kazoo-pivot-cdr');

export const handler = createCdrHandler(
  lazyRuntime(() => createPivotRuntime(process.env, telemetry)),
  telemetry,
);
