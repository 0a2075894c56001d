import { fileURLToPath } from 'node:url';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PivotStack, type PivotStackProps } from './PivotStack';

export const pivotStackName = 'KazooPivot';

/** The app `cdk synth` runs, shared with the tests so they check exactly what deploys. */
export function createPivotApp(appProps: AppProps = {}, stackProps: PivotStackProps = {}): { app: App; stack: PivotStack } {
  const app = new App(appProps);
  const stack = new PivotStack(app, pivotStackName, stackProps);
  // Findings fail synth unless acknowledged next to the resource with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

// cdk.json runs this file; tests import createPivotApp without building a second app.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) createPivotApp();
