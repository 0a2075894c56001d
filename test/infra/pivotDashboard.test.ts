import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FUNNEL_METRICS } from '../../adapters/lambda/pivotMetricNames';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

// Bundles nothing: the dashboard reads metric names and the functions' ids, not their code.
// cdk-nag runs inside synthPivotStack: an unacknowledged finding makes it throw.
let synth: SynthesizedPivot;

beforeAll(() => {
  synth = synthPivotStack({ bundling: false });
});
afterAll(() => synth.dispose());

/** The dashboard body as CloudWatch receives it (Fn::Join of strings and references). */
function dashboardBody(): { widgets: { properties: Record<string, unknown> }[] } {
  const dashboards = Object.values(synth.template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'REF')).join('');
  return JSON.parse(text);
}

function widget(titleStart: string): Record<string, unknown> {
  const found = dashboardBody().widgets.find((w) => String(w.properties['title'] ?? '').startsWith(titleStart));
  expect(found).toBeDefined();
  return found!.properties;
}

describe('the operations dashboard', () => {
  it('graphs the IVR funnel per route and step from the metrics the pivot function writes', () => {
    // Act
    const funnel = JSON.stringify(widget('IVR funnel').metrics);
    const options = JSON.stringify(widget('IVR options chosen').metrics);

    // Assess
    for (const name of ['entered', 'invalid', 'timed-out', 'retries-exhausted', 'fallback'] as const) {
      expect(funnel).toContain(`{KazooPivot,Route,Step,service} MetricName=\\"${FUNNEL_METRICS[name]}\\" service=\\"kazoo-pivot\\"`);
    }
    expect(options).toContain(`{KazooPivot,Route,Step,Option,service} MetricName=\\"IvrOptionChosen\\"`);
  });

  it('graphs answers by outcome', () => {
    expect(JSON.stringify(widget('Answers by outcome').metrics)).toContain('{KazooPivot,Outcome,service} MetricName=\\"Answers\\"');
  });

  it("draws p99 latency against Kazoo's 5 s limit and the budget", () => {
    // Act
    const latency = widget("p99 latency against Kazoo's 5 s limit");

    // Assess
    expect(latency.metrics).toEqual(
      expect.arrayContaining([
        ['KazooPivot', 'Latency', 'service', 'kazoo-pivot', expect.objectContaining({ stat: 'p99' })],
        ['AWS/Lambda', 'Duration', 'FunctionName', 'REF', expect.objectContaining({ stat: 'p99' })],
      ]),
    );
    const annotations = (latency['annotations'] as { horizontal: { value: number }[] }).horizontal.map((a) => a.value);
    const budget = Number(synth.resource(synth.stack.service.pivot.handler).Properties.Environment.Variables.BUDGET_MS);
    expect(annotations).toEqual([5000, budget]);
    expect(budget).toBeLessThan(5000);
  });

  it('counts fallbacks and 503s', () => {
    // Act
    const metrics = widget('Fallbacks and 503s').metrics as unknown[][];

    // Assess
    expect(metrics.map((m) => `${m[0]}/${m[1]}`)).toEqual(['KazooPivot/Fallback', 'KazooPivot/Unavailable', 'AWS/ApiGateway/5xx']);
  });
});
