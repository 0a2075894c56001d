import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createPivotApp } from '../../infra/pivotApp';
import { projectRoot } from '../../infra/projectPaths';
import type { PivotStack } from '../../infra/PivotStack';

/** The feature flags the CLI would pass, so tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')).context;
}

export interface SynthOptions {
  /** pivot:* settings or feature flags on top of cdk.json's, as `-c` would give them. */
  readonly context?: Record<string, unknown>;
  /**
   * CDK's own CloudFormation schema validation, which `cdk synth` runs. It adds
   * about ten seconds, so only the test about validation findings turns it on.
   */
  readonly cloudFormationValidation?: boolean;
}

/**
 * Synthesizes the same app `cdk synth` runs (cdk-nag included: an unacknowledged
 * error makes this throw) into a throwaway directory. Bundling takes seconds, so
 * each test file calls this once.
 */
export function synthPivotStack({ context = {}, cloudFormationValidation = false }: SynthOptions = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'kazoo-pivot-cdk-'));
  const { app, stack } = createPivotApp({
    outdir,
    context: { ...cdkJsonContext(), ...context },
    builtinCloudFormationValidation: cloudFormationValidation,
  });
  const assembly = app.synth();
  return {
    app,
    stack,
    assembly,
    template: Template.fromStack(stack),
    logicalId: (construct: IConstruct) => logicalIdOf(stack, construct),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export type SynthesizedPivot = ReturnType<typeof synthPivotStack>;

function logicalIdOf(stack: PivotStack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.getLogicalId(element);
}
