import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('Pivot stack outputs', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack();
  });
  afterAll(() => synth.dispose());

  function outputValue(name: string): unknown {
    return synth.template.toJSON().Outputs[name]?.Value;
  }

  it('gives the base URL that voice_url and cdr_url start with', () => {
    // Act
    const [, parts] = (outputValue('PivotBaseUrl') as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];

    // Assess
    expect(parts[0]).toBe('https://');
    expect(parts[1]).toEqual({ Ref: synth.logicalId(synth.stack.service.httpApi.api) });
    expect(parts.at(-1)).toBe('/pivot/');
  });

  it('names the table', () => {
    // Assess
    expect(outputValue('TableName')).toEqual({ Ref: synth.logicalId(synth.stack.service.table) });
  });

  it('gives a command that prints the token, not the token itself', () => {
    // Prepare
    const secret = synth.logicalId(synth.stack.service.tokenSecret);

    // Act
    const [, parts] = (outputValue('TokenCommand') as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const rendered = JSON.stringify(parts);

    // Assess
    expect(parts[0]).toBe('aws secretsmanager get-secret-value --secret-id ');
    expect(parts[1]).toEqual({ Ref: secret });
    expect(parts.at(-1)).toBe(' --query SecretString --output text');
    expect(rendered).not.toContain('resolve:secretsmanager');
    expect(rendered).not.toMatch(/[A-Za-z0-9]{40}/);
  });
});
