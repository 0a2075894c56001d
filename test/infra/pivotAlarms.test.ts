import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('Pivot alarms', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack();
  });
  afterAll(() => synth.dispose());

  function alarmsOn(metricName: string, namespace: string) {
    return Object.values(synth.template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName, Namespace: namespace } })).map(
      (alarm) => alarm.Properties,
    );
  }

  it('fires when the API answers 5xx', () => {
    // Act
    const [alarm, ...others] = alarmsOn('5xx', 'AWS/ApiGateway');

    // Assess
    expect(others).toEqual([]);
    expect(alarm?.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: synth.logicalId(synth.stack.service.httpApi.api) } }]);
  });

  it('fires when any function is throttled', () => {
    // Act
    const throttled = alarmsOn('Throttles', 'AWS/Lambda').map((alarm) => alarm.Dimensions[0].Value.Ref);

    // Assess
    expect(throttled.sort()).toEqual((['pivot', 'cdr', 'health'] as const).map((name) => synth.logicalId(synth.stack.service[name].handler)).sort());
  });

  it('fires when pivot p99 latency nears the 2500 ms budget', () => {
    // Act
    const [alarm, ...others] = alarmsOn('Duration', 'AWS/Lambda');

    // Assess
    expect(others).toEqual([]);
    expect(alarm?.Dimensions[0].Value).toEqual({ Ref: synth.logicalId(synth.stack.service.pivot.handler) });
    expect(alarm?.ExtendedStatistic).toBe('p99');
    expect(alarm?.Threshold).toBeGreaterThanOrEqual(1500);
    expect(alarm?.Threshold).toBeLessThan(2500);
  });

  it('does not page anyone when a quiet night sends no data', () => {
    // Act
    const treatments = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties.TreatMissingData);

    // Assess
    expect(treatments.every((treatment) => treatment === 'notBreaching')).toBe(true);
  });
});
