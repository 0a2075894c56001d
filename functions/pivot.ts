import { answerPivotRequest, type PivotResult } from '../lib/pivot/answerPivotRequest';
import type { PivotRequest } from '../lib/request/pivotRequest';
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
  options: {
    scheme?: 'https' | 'http';
    /** Each answered request, for the local server's call timelines (the deployed handler sets none). */
    onAnswer?: (answered: { request: PivotRequest; result: PivotResult; judgedAt: Date; latencyMs: number }) => void;
    /** Name what produced each answer in x-pivot-decided-by (the local server, for the simulator; never deployed). */
    revealDecision?: boolean;
  } = {},
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
    const now = rt.clock(http);
    const result = await answerPivotRequest(rt, request, { now, routeUrl: routeUrlOf(http, options.scheme) });
    const latencyMs = performance.now() - started;
    recordPivotOutcome(telemetry, request, { ...result, statusCode: result.answer.statusCode, latencyMs });
    options.onAnswer?.({ request, result, judgedAt: now, latencyMs });
    if (!options.revealDecision) return result.answer;
    return withDecidedBy(result.answer, `${describeOutcome(result.outcome)}${result.step ? ` step:${result.step}` : ''}`);
  });
}

const telemetry = createTelemetry(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'kazoo-pivot');

export const handler = createPivotHandler(
  lazyRuntime(() => createPivotRuntime(process.env, telemetry)),
  telemetry,
);
