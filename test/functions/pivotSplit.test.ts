import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPivotHandler } from '../../functions/pivot';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';

let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;
let handler: ReturnType<typeof createPivotHandler>;
let emitted: string[];

beforeAll(async () => {
  // Metrics on, written to stdout as EMF, which the test reads.
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
  emitted = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    emitted.push(String(chunk));
    return true;
  });
  setup = await pivotTestRuntime();
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
});

afterAll(() => {
  jest.restoreAllMocks();
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
});

async function call(caller: string) {
  const params = kazooParams({ 'Caller-ID-Number': caller, From: caller, 'Call-ID': `ab-${caller}-${Math.random()}` });
  const result = await handler(
    pivotEventV2({ as: 'get', params, route: 'ab-greeting', voiceUrlQuery: tokenQuery('ab-greeting') }),
    lambdaContext(),
  );
  const json = JSON.parse(result.body!) as { data: { text: string } };
  expect(result.statusCode).toBe(200);
  expectKazooValid(json);
  return json.data.text;
}

/** SplitBranch EMF blobs written so far: their route and branch dimensions. */
function splitMetrics(): { route: string; branch: string }[] {
  return emitted
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.includes('"SplitBranch"'))
    .map((l) => JSON.parse(l) as { route: string; branch: string; SplitBranch: number })
    .map(({ route, branch }) => ({ route, branch }));
}

describe('pivot handler: ab-greeting, a weighted split', () => {
  it('names the branch each caller took in the log line and in a SplitBranch metric per route and branch', async () => {
    // Prepare
    const callers = Array.from({ length: 40 }, (_, i) => `+1212555${String(2000 + i)}`);
    const linesBefore = setup.telemetry.lines.length;

    // Act
    for (const caller of callers) await call(caller);

    // Assess
    const answered = setup.telemetry.lines.slice(linesBefore).filter((l) => l['message'] === 'pivot answered');
    const branches = answered.map((l) => l['branch']);
    expect(answered).toHaveLength(callers.length);
    expect(new Set(branches)).toEqual(new Set(['classic', 'friendly']));
    expect(answered.map((l) => l['outcome'])).toEqual(branches.map((b) => `rule:greeting@${b}`));
    expect(splitMetrics()).toEqual(branches.map((branch) => ({ route: 'ab-greeting', branch })));
  });

  it('a caller who calls back hears the same greeting', async () => {
    // Act
    const heard = [await call('+12125559001'), await call('+12125559001'), await call('12125559001')];

    // Assess
    expect(new Set(heard).size).toBe(1);
  });
});
