import { fileURLToPath } from 'node:url';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PivotStack, type PivotStackProps } from './PivotStack';
import { regionPlanFor, regionStackName, regionsFromContext, roleOf } from './regionPlan';

export const pivotStackName = 'KazooPivot';

/**
 * The app `cdk synth` runs, shared with the tests so they check exactly what deploys.
 * Without `pivot:regions` (or with one region) it is the single stack `KazooPivot`;
 * with several, one stack per region (`KazooPivot-<region>`), the first one primary,
 * and `stack` is the primary's.
 */
export function createPivotApp(
  appProps: AppProps = {},
  stackProps: PivotStackProps = {},
): { app: App; stack: PivotStack; stacks: PivotStack[] } {
  const app = new App(appProps);
  const regions = regionsFromContext(app.node);
  const plan = regionPlanFor(regions, pivotStackName);
  let stacks: PivotStack[];
  if (!plan) {
    const env = regions[0] ? { account: process.env['CDK_DEFAULT_ACCOUNT'], region: regions[0] } : undefined;
    stacks = [new PivotStack(app, pivotStackName, { ...(env && { env }), ...stackProps })];
  } else {
    stacks = [plan.primary, ...plan.replicas].map(
      (region) =>
        new PivotStack(app, regionStackName(pivotStackName, region), {
          env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region },
          description: `Kazoo Pivot handlers in ${region}: HTTP API, Lambda, DynamoDB global table (primary ${plan.primary})`,
          ...stackProps,
          regionRole: roleOf(plan, region),
        }),
    );
    // The replicas of the table and the secret exist once the primary is deployed.
    for (const stack of stacks.slice(1))
      stack.addStackDependency(stacks[0]!, 'the global table and the route key secret replicate from the primary region');
  }
  // Findings fail synth unless acknowledged next to the resource with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack: stacks[0]!, stacks };
}

// cdk.json runs this file; tests import createPivotApp without building a second app.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) createPivotApp();
