import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { esmBundling } from './esmBundling';
import { fromProjectRoot, projectRoot } from './projectPaths';

export interface PivotFunctionProps {
  /** Handler source, relative to the project root, e.g. `functions/pivot.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
}

/**
 * One handler of this service: Node 22 on Graviton, ESM bundle, its own log
 * group, and a role that starts with nothing but writing to that log group.
 */
export class PivotFunction extends Construct {
  readonly handler: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PivotFunctionProps) {
    super(scope, id);

    // Explicit group: retention is ours, and it goes away with the stack instead of lingering forever.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role instead of AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.handler = new NodejsFunction(this, 'Handler', {
      entry: fromProjectRoot(props.entry),
      projectRoot,
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      bundling: esmBundling,
      environment: {
        ...props.environment,
        // Stack traces point into the TypeScript sources instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    Validations.of(this.handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x: the bundle targets node22 and the handlers are tested on Node 22; moving to a newer runtime is a deliberate upgrade with its own test run, not something synth should pick.',
    });
  }
}
