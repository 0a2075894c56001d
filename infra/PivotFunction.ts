import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, type ICommandHooks, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

// Resolved from this file, not the working directory, so synth behaves the same from the CLI, jest or an IDE.
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const fromProjectRoot = (relativePath: string): string => fileURLToPath(new URL(`../${relativePath}`, import.meta.url));

/** Some bundled CommonJS dependencies call `require`, which ESM output lacks. */
export const createRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Packages only some routes need, kept out of the bundle: every byte of the
 * bundle is parsed at each cold start, used or not (about 0.1 ms per KiB on the
 * bench machine). Each ships beside the bundle as node_modules/<name>, itself
 * bundled into one file, and is loaded on first use the way its value says:
 * `import default` / `import` (its default export / its named exports) as ESM by
 * `await import()`, `require` as CommonJS by a synchronous require (TwiML is
 * parsed inside synchronous route validation).
 * - date-holidays: routes with a `holidays` condition (its data alone is 800 KB);
 * - ical.js: calendar feeds;
 * - fast-xml-parser: TwiML answers;
 * - re2js: routes with patterns (147 KiB, the largest package the bundle held).
 */
export const LAZY_MODULE_LOADS = {
  'date-holidays': 'import default',
  'ical.js': 'import default',
  'fast-xml-parser': 'require',
  re2js: 'import',
} as const satisfies Record<string, 'import default' | 'import' | 'require'>;
export const LAZY_MODULES = Object.keys(LAZY_MODULE_LOADS) as (keyof typeof LAZY_MODULE_LOADS)[];

/** What the shipped file re-exports, and in which format. */
const lazyEntry = {
  'import default': (name: string) => ({ source: `export { default } from '${name}';`, esm: true }),
  import: (name: string) => ({ source: `export * from '${name}';`, esm: true }),
  require: (name: string) => ({ source: `module.exports = require('${name}');`, esm: false }),
} as const;

const shipLazyModules: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) =>
    LAZY_MODULES.flatMap((name) => {
      const dir = `${outputDir}/node_modules/${name}`;
      const { source: entry, esm } = lazyEntry[LAZY_MODULE_LOADS[name] as keyof typeof lazyEntry](name);
      const file = esm ? 'index.mjs' : 'index.cjs';
      const format = esm ? `--format=esm --main-fields=module,main --banner:js="${createRequireBanner}"` : '--format=cjs';
      return [
        `mkdir -p "${dir}"`,
        // From stdin, so esbuild resolves the package from the project like any import.
        `cd "${inputDir}" && echo "${entry}" | "${inputDir}/node_modules/.bin/esbuild" --bundle --platform=node ${format} --target=node22 --minify --outfile="${dir}/${file}" --log-level=warning`,
        `echo '{"name":"${name}",${esm ? '"type":"module",' : ''}"main":"${file}"}' > "${dir}/package.json"`,
      ];
    }),
};

/**
 * ESM so top-level await can warm clients during init; local esbuild so synth
 * works on a laptop or CI runner without Docker.
 */
export const esmBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: createRequireBanner,
  minify: true,
  // No source maps: with the SDK bundled the map is ~3 MB, and --enable-source-maps
  // parsing it cost about a fifth of a cold start (README, Benchmarks).
  sourceMap: false,
  // The AWS SDK is bundled: production runs the SDK version the tests ran, and one
  // minified file loads faster than resolving the runtime's copy file by file.
  // The lazily imported modules ship beside the bundle instead (shipLazyModules).
  externalModules: [...LAZY_MODULES],
  commandHooks: shipLazyModules,
  forceDockerBundling: false,
  // Size tables for every bundle drown out what synth has to say; warnings and errors still show.
  logLevel: LogLevel.WARNING,
};

/** Kazoo abandons a Pivot request after this long and plays the callflow's fallback. */
export const kazooRequestTimeoutMs = 5000;

/** Between the handler giving up on its budget and Lambda killing it: answering the fallback, flushing metrics. */
const timeoutHeadroomMs = 500;

/**
 * The handler enforces its own budget; the Lambda timeout is only the backstop,
 * so it sits just above the budget and strictly below Kazoo's limit. A longer
 * timeout would only bill for answers nobody is waiting for.
 */
export function functionTimeoutFor(budgetMs: number): Duration {
  const seconds = Math.ceil((budgetMs + timeoutHeadroomMs) / 1000);
  if (seconds * 1000 >= kazooRequestTimeoutMs) {
    throw new Error(
      `budget ${budgetMs} ms leaves no Lambda timeout below Kazoo's ${kazooRequestTimeoutMs} ms: use at most ${kazooRequestTimeoutMs - 1000 - timeoutHeadroomMs} ms`,
    );
  }
  return Duration.seconds(seconds);
}

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
      environment: props.environment,
    });
    Validations.of(this.handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x: the bundle targets node22 and the handlers are tested on Node 22; moving to a newer runtime is a deliberate upgrade with its own test run, not something synth should pick.',
    });
  }

  /**
   * Table grants (grantReadData...) hand out every item; this one limits the
   * actions to items whose partition key starts with `keyPrefix`, so a bug or an
   * injected route id in one handler cannot read or overwrite the other's data.
   */
  grantKeyPrefixAccess(table: ITable, keyPrefix: string, actions: readonly string[]): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keyPrefix}*`] },
        },
      }),
    );
  }
}
