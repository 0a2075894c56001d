import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { MetricUnit } from '../../../adapters/lambda/emfMetrics';
import { createHttpFunction } from '../../../adapters/lambda/httpFunction';
import { jsonAnswer } from '../../../lib/http/httpAnswer';
import { pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { kazooParams } from '../../fixtures/kazooCalls';
import { capturedTelemetry, lambdaContext, type CapturedTelemetry } from '../../fixtures/pivotTestRuntime';

/**
 * The chain every function runs in, with Powertools as designed: the Lambda
 * context on each log line, the cold start counted once, and one metrics flush
 * per invocation whether the request was answered or refused.
 */
const LIMITS = { maxBodyBytes: 1_024, maxQueryBytes: 1_024 };

let emitted: string[];
let telemetry: CapturedTelemetry;

beforeEach(() => {
  // Read when Powertools objects are built (the ColdStart metric's at the first invocation):
  // metrics on, and a container started on demand, as Lambda says in its environment.
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
  process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'on-demand';
  emitted = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    emitted.push(String(chunk));
    return true;
  });
  telemetry = capturedTelemetry('http-function-test');
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  delete process.env['AWS_LAMBDA_INITIALIZATION_TYPE'];
});

/** The EMF blobs written so far, as metric name → values. */
function metricsWritten(): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const line of emitted.flatMap((chunk) => chunk.split('\n')).filter((l) => l.includes('"_aws"'))) {
    const blob = JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } };
    for (const { Name } of blob._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics)) {
      out[Name] = [...(out[Name] ?? []), blob[Name] as number];
    }
  }
  return out;
}

function handlerCountingRequests() {
  return createHttpFunction(
    telemetry,
    () => LIMITS,
    async (http) => {
      telemetry.metrics.addMetric('Requests', MetricUnit.Count, 1);
      telemetry.logger.info('answered', { route: http.routeId });
      return jsonAnswer(200, { ok: true });
    },
  );
}

describe('createHttpFunction', () => {
  it("counts the cold start once and flushes each invocation's metrics, answered or refused", async () => {
    // Prepare
    const handler = handlerCountingRequests();
    const event = pivotEventV2({ as: 'get', params: kazooParams() });

    // Act
    const first = await handler(event, lambdaContext());
    const second = await handler(event, lambdaContext());
    const refused = await handler({ ...event, rawQueryString: 'x'.repeat(LIMITS.maxQueryBytes + 1) }, lambdaContext());

    // Assess
    expect([first.statusCode, second.statusCode, refused.statusCode]).toEqual([200, 200, 414]);
    expect(metricsWritten()).toEqual({ ColdStart: [1], Requests: [1, 1, 1] });
  });

  it("puts the invocation's ids on every log line", async () => {
    // Act
    await handlerCountingRequests()(pivotEventV2({ as: 'get', params: kazooParams(), route: 'main-number' }), {
      ...lambdaContext(),
      awsRequestId: 'req-42',
    });

    // Assess
    const line = telemetry.lines.find((l) => l['message'] === 'answered');
    expect(line).toMatchObject({ route: 'main-number', function_request_id: 'req-42', function_name: 'pivot', cold_start: true });
  });

  it('answers a broken event with a JSON 400 and one log line, never a 500', async () => {
    // Act
    const result = await handlerCountingRequests()({ version: '1.0', httpMethod: 'GET' }, lambdaContext());

    // Assess
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body!)).toMatchObject({ error: 'invalid_request', field: 'version' });
    expect(telemetry.lines.map((l) => l['message'])).toEqual(['request refused']);
  });
});
