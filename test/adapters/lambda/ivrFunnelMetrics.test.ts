import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPivotHandler } from '../../../functions/pivot';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { kazooParams } from '../../fixtures/kazooCalls';
import { followUpQueryFor, lambdaContext, pivotTestRuntime, tokenQuery } from '../../fixtures/pivotTestRuntime';

/**
 * The IVR funnel as CloudWatch would receive it: the EMF lines the real pivot
 * handler writes while callers go through the sales-support menu (dynalite
 * behind it), with the dimensions the dashboard searches on.
 */
type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
type Emitted = { name: string; dimensions: Record<string, string> };

let setup: Setup;
let written: string[];

beforeAll(async () => {
  // Read when the metrics are built: on for this runtime only.
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
  setup = await pivotTestRuntime();
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
});

beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Every metric written, with the dimensions of its own EMF directive (service left out). */
function emitted(): Emitted[] {
  const out: Emitted[] = [];
  for (const line of written.flatMap((chunk) => chunk.split('\n')).filter((l) => l.includes('"_aws"'))) {
    const blob = JSON.parse(line) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    for (const directive of blob._aws.CloudWatchMetrics) {
      const names = directive.Dimensions[0]!.filter((d) => d !== 'service');
      const dimensions = Object.fromEntries(names.map((d) => [d, String(blob[d])]));
      for (const { Name } of directive.Metrics) out.push({ name: Name, dimensions });
    }
  }
  return out;
}

const funnel = () =>
  emitted()
    .filter((m) => m.name.startsWith('Ivr'))
    .map((m) => `${m.name} ${Object.values(m.dimensions).join('/')}`);

async function call(callId: string, step?: string, digits?: KazooParams) {
  const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
  const event = pivotEventV2({
    as: 'get',
    route: 'sales-support',
    voiceUrlQuery: step ? followUpQueryFor('sales-support', callId, step) : tokenQuery('sales-support'),
    params: kazooParams({ 'Call-ID': callId, ...(digits && { Digits: digits }) }),
  });
  const result = await handler(event, lambdaContext());
  expect(result.statusCode).toBe(200);
}

describe('the IVR funnel metrics', () => {
  it('counts the entry, each wrong or missing input and the exhausted retries of one caller', async () => {
    // Act: a wrong key, silence, another wrong key: three attempts, then onFailure.
    await call('funnel-lost');
    await call('funnel-lost', 'menu', { menu: '9' });
    await call('funnel-lost', 'menu');
    await call('funnel-lost', 'menu', { menu: '7' });

    // Assess
    expect(funnel()).toEqual([
      'IvrEntered sales-support/menu',
      'IvrInvalid sales-support/menu',
      'IvrTimedOut sales-support/menu',
      'IvrInvalid sales-support/menu',
      'IvrRetriesExhausted sales-support/menu',
    ]);
  });

  it('counts the option a caller chose, by its position in the route file', async () => {
    // Act
    await call('funnel-sales');
    await call('funnel-sales', 'menu', { menu: '2' });

    // Assess
    expect(funnel()).toEqual(['IvrEntered sales-support/menu', 'IvrOptionChosen sales-support/menu/2']);
  });

  it('counts answers by outcome kind, and never makes a dimension of a refused route id', async () => {
    // Prepare
    const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
    const stranger = pivotEventV2({ as: 'get', route: 'no-such-route-x', voiceUrlQuery: 'token=nope', params: kazooParams() });

    // Act
    await call('funnel-outcome');
    const refused = await handler(stranger, lambdaContext());

    // Assess
    expect(refused.statusCode).toBe(403);
    const answers = emitted().filter((m) => m.name === 'Answers');
    expect(answers.map((m) => m.dimensions)).toEqual([{ Outcome: 'rule' }, { Outcome: 'refused' }]);
    expect(JSON.stringify(emitted())).not.toContain('no-such-route-x');
  });
});
