import { describe, expect, it } from '@jest/globals';
import { EmfMetrics, MetricUnit } from '../../../adapters/lambda/emfMetrics';

type Blob = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
};

/** What CloudWatch would extract from the lines written: each metric with its value and dimension values. */
function extracted(lines: string[]) {
  return lines.flatMap((line) => {
    const blob = JSON.parse(line) as Blob;
    return blob._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Metrics.map(({ Name, Unit }) => ({
        name: Name,
        unit: Unit,
        value: blob[Name],
        dimensions: Object.fromEntries(directive.Dimensions[0]!.map((d) => [d, blob[d]])),
      })),
    );
  });
}

function metricsWritingTo(lines: string[], disabled = false) {
  return new EmfMetrics({ serviceName: 'svc', namespace: 'KazooPivot', disabled, console: { log: (line: string) => lines.push(line) } });
}

describe('EmfMetrics', () => {
  it("writes one request's metrics of several dimension sets as one line CloudWatch reads back exactly", () => {
    // Prepare
    const lines: string[] = [];
    const metrics = metricsWritingTo(lines);

    // Act
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    metrics.addMetric('Latency', MetricUnit.Milliseconds, 0.4);
    metrics.addMetric('Answers', MetricUnit.Count, 1, { Outcome: 'rule' });
    metrics.addMetric('IvrEntered', MetricUnit.Count, 1, { Route: 'sales', Step: 'menu' });
    metrics.publishStoredMetrics();

    // Assess
    expect(lines).toHaveLength(1);
    expect(extracted(lines)).toEqual([
      { name: 'Requests', unit: 'Count', value: 1, dimensions: { service: 'svc' } },
      { name: 'Latency', unit: 'Milliseconds', value: 0.4, dimensions: { service: 'svc' } },
      { name: 'Answers', unit: 'Count', value: 1, dimensions: { service: 'svc', Outcome: 'rule' } },
      { name: 'IvrEntered', unit: 'Count', value: 1, dimensions: { service: 'svc', Route: 'sales', Step: 'menu' } },
    ]);
  });

  it('gives a dimension set whose values clash with the line its own line, so no metric is counted under the wrong step', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = metricsWritingTo(lines);

    // Act: one request leaves step "menu" with an option and enters step "pin".
    metrics.addMetric('IvrOptionChosen', MetricUnit.Count, 1, { Route: 'sales', Step: 'menu', Option: '1' });
    metrics.addMetric('IvrEntered', MetricUnit.Count, 1, { Route: 'sales', Step: 'pin' });
    metrics.publishStoredMetrics();

    // Assess
    expect(lines).toHaveLength(2);
    expect(extracted(lines).map((m) => `${m.name} ${m.dimensions['Step']}`)).toEqual(['IvrOptionChosen menu', 'IvrEntered pin']);
  });

  it('keeps both values of a metric added twice, and forgets everything once written', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = metricsWritingTo(lines);

    // Act
    metrics.addMetric('LookupLatency', MetricUnit.Milliseconds, 12);
    metrics.addMetric('LookupLatency', MetricUnit.Milliseconds, 30);
    metrics.publishStoredMetrics();
    metrics.publishStoredMetrics();

    // Assess
    expect(extracted(lines)).toEqual([{ name: 'LookupLatency', unit: 'Milliseconds', value: [12, 30], dimensions: { service: 'svc' } }]);
    expect(metrics.hasStoredMetrics()).toBe(false);
  });

  it('writes nothing when metrics are disabled, not even the cold start', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = metricsWritingTo(lines, true);

    // Act
    metrics.captureColdStartMetric('pivot');
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();

    // Assess
    expect(lines).toEqual([]);
  });
});
