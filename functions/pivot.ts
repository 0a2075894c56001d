import { answerPivotRequest } from '../lib/pivot/answerPivotRequest';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { routeUrlOf } from '../adapters/http/httpApiEvent';
import { createHttpFunction, type LambdaHttpHandler } from '../adapters/lambda/httpFunction';
import { createPivotRuntime, lazyRuntime, type PivotRuntime } from '../adapters/lambda/pivotRuntime';
import { createTelemetry, recordPivotOutcome, type Telemetry } from '../adapters/lambda/telemetry';
import { withDecidedBy } from '../lib/http/httpAnswer';
import { describeOutcome } from '../lib/rules/outcome';

/**
 * GET and POST /pivot/{route}: Kazoo's pivot node calls this and runs the
 * callflow we answer. Parse, call lib, log; the chain does the rest.
 */
export function createPivotHandler(
  runtime: () => PivotRuntime,
  telemetry: Telemetry,
  options: { scheme?: 'https' | 'http'; revealDecision?: boolean } = {},
): LambdaHttpHandler {
  const limits = () => ({
    maxBodyBytes: runtime().config.MAX_BODY_BYTES,
    maxQueryBytes: runtime().config.MAX_QUERY_BYTES,
    sourceAllowlist: runtime().sourceAllowlist,
  });
  return createHttpFunction(telemetry, limits, async (http) => {
    const started = performance.now();
    const rt = runtime();
    const request = normalizePivotRequest(http);
    const result = await answerPivotRequest(rt, request, { now: rt.clock(http), routeUrl: routeUrlOf(http, options.scheme) });
    recordPivotOutcome(telemetry, request, { ...result, statusCode: result.answer.statusCode, latencyMs: performance.now() - started });
    if (!options.revealDecision) return result.answer;
    return withDecidedBy(result.answer, `${describeOutcome(result.outcome)}${result.step ? ` step:${result.step}` : ''}`);
  });
}

const telemetry = createTelemetry(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'kazoo-pivot');

export const handler = createPivotHandler(
  lazyRuntime(() => createPivotRuntime(process.env, telemetry)),
  telemetry,
);
