import type { BuildOptions, Format, LogLevel } from 'esbuild';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { esmBundling } from '../../infra/esmBundling';

/**
 * Bundling fields whose effect on the esbuild call is reproduced below, following
 * aws-cdk-lib's Bundling.buildEsbuildArgs. Others either do not change the output
 * (Docker, asset hash, esbuild version pin) or are not reproduced: a field outside
 * both lists makes the bench stop rather than measure a bundle CDK would not build.
 */
const REPRODUCED = new Set([
  'format', 'target', 'mainFields', 'banner', 'footer', 'minify', 'sourceMap', 'sourceMapMode', 'sourcesContent',
  'externalModules', 'nodeModules', 'loader', 'define', 'logLevel', 'keepNames', 'inject', 'charset', 'tsconfig', 'metafile',
]);
const NO_OUTPUT_EFFECT = new Set(['forceDockerBundling', 'dockerImage', 'assetHash', 'esbuildVersion', 'bundlingFileAccess', 'buildArgs']);

/** The esbuild options CDK derives from infra/esmBundling.ts for one entry, writing `outdir/index.mjs` (or index.js for CJS). */
export function cdkEsbuildOptions(entry: string, outdir: string, bundling: BundlingOptions = esmBundling): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !REPRODUCED.has(key) && !NO_OUTPUT_EFFECT.has(key));
  if (unknown.length > 0) {
    throw new Error(`infra/esmBundling.ts sets ${unknown.join(', ')}, which bench/coldStart/cdkEsbuildOptions.ts does not reproduce yet`);
  }
  const esm = bundling.format === 'esm';
  // CDK: sourceMapMode wins over sourceMap; mode "default" is a plain --sourcemap (linked .map file).
  const sourceMapOn = bundling.sourceMapMode !== undefined || bundling.sourceMap === true;
  const sourcemap = !sourceMapOn ? false : !bundling.sourceMapMode || bundling.sourceMapMode === 'default' ? true : bundling.sourceMapMode;
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    // CDK's fallback target is derived from the runtime; PivotFunction pins nodejs22.x.
    target: bundling.target ?? 'node22',
    format: bundling.format as Format | undefined,
    outfile: `${outdir}/${esm ? 'index.mjs' : 'index.js'}`,
    minify: bundling.minify ?? false,
    sourcemap: sourcemap as BuildOptions['sourcemap'],
    sourcesContent: bundling.sourcesContent ?? true,
    external: [...(bundling.externalModules ?? ['@aws-sdk/*']), ...(bundling.nodeModules ?? [])],
    loader: bundling.loader as BuildOptions['loader'],
    define: bundling.define,
    logLevel: (bundling.logLevel as LogLevel | undefined) ?? 'warning',
    keepNames: bundling.keepNames ?? false,
    inject: bundling.inject,
    charset: bundling.charset as BuildOptions['charset'],
    tsconfig: bundling.tsconfig,
    banner: bundling.banner ? { js: bundling.banner } : undefined,
    footer: bundling.footer ? { js: bundling.footer } : undefined,
    mainFields: bundling.mainFields,
    // Not in CDK's call unless asked; it changes no output byte and lets the report name what weighs.
    metafile: true,
  };
}
