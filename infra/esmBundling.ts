import { type BundlingOptions, LogLevel, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Some bundled CommonJS dependencies call `require`, which ESM output lacks. */
export const createRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

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
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // The nodejs22.x runtime ships AWS SDK v3; bundling it would only add cold-start weight.
  externalModules: ['@aws-sdk/*'],
  forceDockerBundling: false,
  // Size tables for every bundle drown out what synth has to say; warnings and errors still show.
  logLevel: LogLevel.WARNING,
};
