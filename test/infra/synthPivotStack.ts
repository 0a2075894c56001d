import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createPivotApp } from '../../infra/app';
import type { PivotStack } from '../../infra/PivotStack';

/** The feature flags the CLI would pass, so tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
}

export interface SynthOptions {
  /** pivot:* settings or feature flags on top of cdk.json's, as `-c` would give them. */
  readonly context?: Record<string, unknown>;
  /**
   * CDK's own CloudFormation schema validation, which `cdk synth` runs. It adds
   * about ten seconds, so only the synth that checks validation findings turns it on.
   */
  readonly cloudFormationValidation?: boolean;
  /**
   * Bundle the handlers with esbuild, as `cdk synth` does. Settings change no
   * bundle, so a synth that only checks settings may skip the seconds it takes.
   */
  readonly bundling?: boolean;
}

export type PolicyStatementJson = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

/**
 * Synthesizes the same app `cdk synth` runs (cdk-nag included: an unacknowledged
 * error makes this throw) into a throwaway directory. Bundling takes seconds, so
 * each test file calls this once.
 */
export function synthPivotStack({ context = {}, cloudFormationValidation = false, bundling = true }: SynthOptions = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'kazoo-pivot-cdk-'));
  const { app, stack } = createPivotApp({
    outdir,
    context: { ...cdkJsonContext(), ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
    builtinCloudFormationValidation: cloudFormationValidation,
  });
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const logicalId = (construct: IConstruct) => logicalIdOf(stack, construct);
  const resource = (construct: IConstruct) => template.toJSON().Resources[logicalId(construct)];
  return {
    app,
    stack,
    assembly,
    template,
    logicalId,
    /** The template's resource (DeletionPolicy, Properties...) that `construct` synthesizes to. */
    resource,
    /** Every IAM policy statement attached to `role`. */
    statementsOf: (role: IConstruct): PolicyStatementJson[] =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === logicalId(role)))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]),
    /** The staged bundle of `handler`: the zip CloudFormation deploys is the asset directory of the same hash. */
    bundleOf: (handler: IConstruct): string => {
      const assetHash = (resource(handler).Properties.Code.S3Key as string).replace(/\.zip$/, '');
      return readFileSync(join(assembly.directory, `asset.${assetHash}`, 'index.mjs'), 'utf8');
    },
    /** The directory a function's code asset is zipped from. */
    assetDirOf: (handler: IConstruct): string =>
      join(assembly.directory, `asset.${(resource(handler).Properties.Code.S3Key as string).replace(/\.zip$/, '')}`),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export type SynthesizedPivot = ReturnType<typeof synthPivotStack>;

function logicalIdOf(stack: PivotStack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.getLogicalId(element);
}
