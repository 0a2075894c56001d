import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('Pivot table', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack();
  });
  afterAll(() => synth.dispose());

  function table() {
    return synth.template.toJSON().Resources[synth.logicalId(synth.stack.service.table)];
  }

  it('is the only table, keyed by pk alone and billed on demand', () => {
    // Act
    const { Properties } = table();

    // Assess
    synth.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(Properties.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Properties.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('expires call state through the expiresAt TTL attribute', () => {
    // Assess
    expect(table().Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('can be restored to any second of the last 35 days', () => {
    // Assess
    expect(table().Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('survives stack deletion and refuses deletion by default', () => {
    // Act
    const resource = table();

    // Assess
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
  });
});
