import { describe, expect, it, jest } from '@jest/globals';
import { createTelemetry, recordPivotOutcome } from '../../../adapters/lambda/telemetry';
import type { Outcome } from '../../../lib/rules/outcome';
import { followUpQueryFor, tokenQuery } from '../../fixtures/routeCredentials';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { CALL_ID } from '../../fixtures/kazooCalls';

/** The metric names one pivot request adds (the EMF flush itself is httpFunction.test.ts's concern). */
function metricsFor(query: string, outcome: Outcome): string[] {
  const telemetry = createTelemetry('failover-metrics-test');
  const added = jest.spyOn(telemetry.metrics, 'addMetric');
  recordPivotOutcome(telemetry, kazooRequest({}, { route: 'account-pin', voiceUrlQuery: query }), {
    outcome,
    statusCode: 200,
    latencyMs: 3,
  });
  return added.mock.calls.map(([name]) => name);
}

describe('failover in the metrics', () => {
  it('counts a request that a _ pivot sent to this region (hop >= 1)', () => {
    // Act
    const failedOver = metricsFor(`${tokenQuery('account-pin')}&hop=1`, { kind: 'rule', rule: 'start' });
    const direct = metricsFor(tokenQuery('account-pin'), { kind: 'rule', rule: 'start' });

    // Assess
    expect(failedOver).toContain('FailoverRequests');
    expect(direct).not.toContain('FailoverRequests');
  });

  it('counts a follow-up whose step was asked again because its state had not replicated', () => {
    // Act
    const names = metricsFor(followUpQueryFor('account-pin', CALL_ID, 'pin'), { kind: 'retry', step: 'pin', reason: 'state-not-arrived' });
    const plainRetry = metricsFor(followUpQueryFor('account-pin', CALL_ID, 'pin'), { kind: 'retry', step: 'pin' });

    // Assess
    expect(names).toContain('FollowUpRestarted');
    expect(plainRetry).not.toContain('FollowUpRestarted');
  });
});
