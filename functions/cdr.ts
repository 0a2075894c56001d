import { errorAnswer } from '../lib/http/httpAnswer';
import { endCall } from '../lib/pivot/endCall';
import { normalizeCdrRequest } from '../lib/request/normalizeCdrRequest';
import { createHttpFunction, type LambdaHttpHandler } from '../adapters/lambda/httpFunction';
import { createPivotRuntime, lazyRuntime, type PivotRuntime } from '../adapters/lambda/pivotRuntime';
import { createTelemetry, recordCallEnd, type Telemetry } from '../adapters/lambda/telemetry';

/**
 * POST /pivot/{route}/cdr: Kazoo's cdr_url, or its CHANNEL_DESTROY webhook, at the
 * end of a call. Ends this route's state of the call, logs one line.
 */
export function createCdrHandler(runtime: () => PivotRuntime, telemetry: Telemetry): LambdaHttpHandler {
  // A CDR carries the whole channel-destroy event: larger than a pivot request.
  const limits = () => ({
    maxBodyBytes: runtime().config.MAX_BODY_BYTES * 4,
    maxQueryBytes: runtime().config.MAX_QUERY_BYTES,
    sourceAllowlist: runtime().sourceAllowlist,
  });
  return createHttpFunction(telemetry, limits, async (http) => {
    const started = performance.now();
    const request = normalizeCdrRequest(http);
    const result = await endCall(runtime(), request).catch((error: unknown) => ({ answer: errorAnswer(error), error }));
    recordCallEnd(telemetry, request, { ...result, latencyMs: performance.now() - started });
    return result.answer;
  });
}

const telemetry = createTelemetry(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'kazoo-pivot-cdr');

export const handler = createCdrHandler(
  lazyRuntime(() => createPivotRuntime(process.env, telemetry)),
  telemetry,
);
