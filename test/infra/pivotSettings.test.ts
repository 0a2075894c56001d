import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { App } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { functionTimeoutFor } from '../../infra/PivotFunction';
import { pivotSettingsFromContext } from '../../infra/pivotSettings';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('Pivot deployment settings', () => {
  describe('given through -c context', () => {
    let synth: SynthesizedPivot;

    beforeAll(() => {
      // Strings, as `cdk synth -c key=value` passes them. No setting changes a bundle, so none is built.
      synth = synthPivotStack({
        bundling: false,
        context: {
          'pivot:budgetMs': '3200',
          'pivot:retainTable': 'false',
          'pivot:deletionProtection': 'false',
          'pivot:throttleRateLimit': '20',
          'pivot:throttleBurstLimit': '40',
          'pivot:alarmTopicArn': 'arn:aws:sns:eu-west-1:111122223333:pivot-alarms',
        },
      });
    });
    afterAll(() => synth.dispose());

    it('lets a test stack be deleted with its table', () => {
      // Act
      const table = synth.resource(synth.stack.service.table);

      // Assess
      expect(table.DeletionPolicy).toBe('Delete');
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    });

    it('moves the budget, the timeout and the latency alarm together', () => {
      // Act
      const pivot = synth.resource(synth.stack.service.pivot.handler).Properties;
      const latencyAlarm = Object.values(
        synth.template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'Duration' } }),
      )[0];

      // Assess
      expect(pivot.Environment.Variables.BUDGET_MS).toBe('3200');
      expect(pivot.Timeout).toBe(4);
      expect(latencyAlarm?.Properties.Threshold).toBe(2560);
    });

    it('applies the throttling limits', () => {
      // Assess
      synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      });
    });

    it('notifies the given topic from every alarm', () => {
      // Act
      const actions = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties.AlarmActions);

      // Assess
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((list) => JSON.stringify(list) === JSON.stringify(['arn:aws:sns:eu-west-1:111122223333:pivot-alarms']))).toBe(
        true,
      );
    });
  });

  describe('private addresses lookups may reach', () => {
    let synth: SynthesizedPivot;

    beforeAll(() => {
      synth = synthPivotStack({ bundling: false, context: { 'pivot:outboundAllowedCidrs': '10.20.0.0/16' } });
    });
    afterAll(() => synth.dispose());

    it('reach pivot alone as OUTBOUND_ALLOWED_CIDRS; without the setting no handler may call a private address', () => {
      // Act
      const variablesOf = (handler: IConstruct) => synth.resource(handler).Properties.Environment.Variables;

      // Assess
      expect(variablesOf(synth.stack.service.pivot.handler).OUTBOUND_ALLOWED_CIDRS).toBe('10.20.0.0/16');
      expect(variablesOf(synth.stack.service.cdr.handler).OUTBOUND_ALLOWED_CIDRS).toBeUndefined();
      expect(pivotSettingsFromContext(new App().node).outboundAllowedCidrs).toBeUndefined();
    });

    it('refuses a malformed CIDR at synth, naming the setting', () => {
      // Act
      const attempt = () => pivotSettingsFromContext(new App({ context: { 'pivot:outboundAllowedCidrs': '10.0.0.0/33' } }).node);

      // Assess
      expect(attempt).toThrow('context pivot:outboundAllowedCidrs');
    });
  });

  describe('a source allowlist', () => {
    let synth: SynthesizedPivot;

    beforeAll(() => {
      synth = synthPivotStack({ bundling: false, context: { 'pivot:allowedSourceCidrs': '203.0.113.0/24, 2001:db8::/32,198.51.100.7' } });
    });
    afterAll(() => synth.dispose());

    it('reaches pivot and cdr as ALLOWED_SOURCE_CIDRS, normalised, and not the health probe', () => {
      // Act
      const variablesOf = (handler: IConstruct) => synth.resource(handler).Properties.Environment.Variables;

      // Assess
      const expected = '203.0.113.0/24,2001:db8::/32,198.51.100.7/32';
      expect(variablesOf(synth.stack.service.pivot.handler).ALLOWED_SOURCE_CIDRS).toBe(expected);
      expect(variablesOf(synth.stack.service.cdr.handler).ALLOWED_SOURCE_CIDRS).toBe(expected);
      expect(variablesOf(synth.stack.service.health.handler).ALLOWED_SOURCE_CIDRS).toBeUndefined();
    });

    it('is off by default: no setting, no variable', () => {
      // Act
      const settings = pivotSettingsFromContext(new App().node);

      // Assess
      expect(settings.allowedSourceCidrs).toBeUndefined();
    });

    it.each([
      ['a prefix too long', '203.0.113.0/33', '"203.0.113.0/33" is not an IPv4 or IPv6 CIDR'],
      ['a host name', 'kazoo.example.com', '"kazoo.example.com" is not an IPv4 or IPv6 CIDR'],
      ['a number', 42, 'must be a comma-separated list of CIDRs'],
    ])('refuses %s at synth, naming the setting', (_label, value, message) => {
      // Act
      const attempt = () => pivotSettingsFromContext(new App({ context: { 'pivot:allowedSourceCidrs': value } }).node);

      // Assess
      expect(attempt).toThrow(`context pivot:allowedSourceCidrs`);
      expect(attempt).toThrow(message);
    });
  });

  it('refuses a budget that leaves no timeout below Kazoo\u2019s 5 s', () => {
    // Act
    const tooLong = () => functionTimeoutFor(4000);

    // Assess
    expect(tooLong).toThrow(/at most 3500 ms/);
    expect(functionTimeoutFor(3500).toSeconds()).toBe(4);
    expect(functionTimeoutFor(2500).toSeconds()).toBe(3);
  });

  it('refuses context values that are not what they claim to be', () => {
    // Prepare
    const withContext = (context: Record<string, unknown>) => () => pivotSettingsFromContext(new App({ context }).node);

    // Assess
    expect(withContext({ 'pivot:budgetMs': 'soon' })).toThrow(/pivot:budgetMs/);
    expect(withContext({ 'pivot:retainTable': 'yes' })).toThrow(/pivot:retainTable/);
    expect(withContext({ 'pivot:retainTable': false })()).toMatchObject({ retainTable: false, deletionProtection: true, budgetMs: 2500 });
  });
});
