import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('cdk-nag AwsSolutions checks', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack({ cloudFormationValidation: true });
  });
  afterAll(() => synth.dispose());

  function acknowledgements(): { path: string; id: string; reason: string }[] {
    const all = (construct: IConstruct): IConstruct[] => [construct, ...construct.node.children.flatMap(all)];
    return all(synth.app).flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
    );
  }

  it('reports no unacknowledged errors or warnings', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(synth.app);

    // Assess
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('leaves the validation report `cdk synth` writes empty', () => {
    // Act
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));

    // Assess
    expect(report.pluginReports.flatMap((plugin: { violations?: unknown[] }) => plugin.violations ?? [])).toEqual([]);
  });

  it('acknowledges only the findings this design accepts, each with a reason', () => {
    // Act
    const acknowledged = acknowledgements();

    // Assess
    expect([...new Set(acknowledged.map((ack) => ack.id))].sort()).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-L1', 'AwsSolutions-SMG4']);
    expect(acknowledged.every((ack) => ack.reason.length >= 60)).toBe(true);
    expect(acknowledged.some((ack) => ack.path === synth.stack.node.path || ack.path === '')).toBe(false);
  });
});
