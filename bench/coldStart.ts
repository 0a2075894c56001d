/**
 * Bundle size and cold start of each function, bundled as CDK would bundle it.
 * Two files run apart from this one: coldStartMinimalHandler.ts, the baseline
 * handler, bundled like the functions; coldStartInvokeOnce.ts, the driver each
 * fresh `node` process runs over a bundle.
 */
import { spawn } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, build, type Format, type LogLevel } from 'esbuild';
import { esmBundling } from '../infra/PivotFunction';
import { cdrEvent, entryEvent, median, pivotEnvironment, timeBox } from './benchSupport';
import { type Figure, figure, withinLimit } from './report';

const ROUNDS = 20;
const TIME_LIMIT_MS = 75_000;
const PROCESS_TIMEOUT_MS = 15_000;
const BUNDLE_LIMIT_KIB = 200;
const GOAL_VS_MINIMAL = { op: '<=', ratio: 1.15 } as const;

/** Where the bench writes its bundles: inside the repo, so a bundle that leaves a package external still finds node_modules. */
const BENCH_OUT_DIR = fileURLToPath(new URL('./.out/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FUNCTION_ENTRIES = { pivot: 'functions/pivot.ts', cdr: 'functions/cdr.ts', health: 'functions/health.ts' } as const;
const MINIMAL_ENTRY = 'bench/coldStartMinimalHandler.ts';
const DRIVER_ENTRY = 'bench/coldStartInvokeOnce.ts';

type Subject = 'node -e 0' | 'minimal' | 'pivot' | 'cdr' | 'health';

/**
 * Bundle size and cold start of each function. A sample is one fresh `node`
 * process that imports the bundle and answers one request against the bench's
 * dynalite (this process serves it while it waits), from spawn to exit. Subjects
 * take turns within each round, the order rotating, so drift hits all of them.
 * The environment is the deployed one where it matters (no NODE_OPTIONS, no source
 * maps, as infra/PivotFunction.ts deploys them), the route key from PIVOT_ROUTE_KEY
 * instead of Secrets Manager.
 */
export async function measureColdStart(endpoint: string, tableName: string): Promise<Figure[]> {
  const { bundles, driver } = await bundleFunctions();
  const byName = new Map(bundles.map((b) => [b.name, b]));
  const eventFile = (name: string, event: unknown) => {
    const file = `${BENCH_OUT_DIR}bundles/${name}.event.json`;
    writeFileSync(file, JSON.stringify(event));
    return file;
  };
  const argsOf: Record<Subject, string[]> = {
    'node -e 0': ['-e', '0'],
    minimal: [driver, byName.get('minimal')!.file],
    pivot: [driver, byName.get('pivot')!.file, eventFile('pivot', entryEvent('main-number', 'cold-start-call'))],
    cdr: [driver, byName.get('cdr')!.file, eventFile('cdr', cdrEvent('main-number', 'cold-start-call'))],
    health: [driver, byName.get('health')!.file],
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...pivotEnvironment(endpoint, tableName),
    POWERTOOLS_SERVICE_NAME: 'kazoo-pivot-bench',
  };
  const spawnOptions = { cwd: BENCH_OUT_DIR, env, timeoutMs: PROCESS_TIMEOUT_MS };

  const subjects = Object.keys(argsOf) as Subject[];
  const samples = new Map<Subject, number[]>(subjects.map((s) => [s, []]));
  // One untimed pass: the OS file cache holds node, the bundles and the SDK, as on a warm Lambda host.
  for (const subject of subjects) await spawnTimed(argsOf[subject], spawnOptions);
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(round + k) % subjects.length]!;
      samples.get(subject)!.push(await spawnTimed(argsOf[subject], spawnOptions));
    }
  }

  const nodeOnly = median(samples.get('node -e 0')!);
  const minimal = median(samples.get('minimal')!);
  const rounds = samples.get('minimal')!.length;
  const figures: Figure[] = [
    figure({
      id: 'coldStart.minimal',
      label: 'cold start, minimal handler (1 client + 1 GetItem)',
      value: minimal,
      unit: 'ms',
      baseline: { label: 'node -e 0', value: nodeOnly, unit: 'ms' },
      goal: null,
      note: `medians of ${rounds} fresh processes each`,
    }),
  ];
  for (const name of ['pivot', 'cdr', 'health'] as const) {
    const bundle = byName.get(name)!;
    const cold = median(samples.get(name)!);
    figures.push(sizeFigure(bundle));
    figures.push(
      figure({
        id: `coldStart.${name}`,
        label: `cold start, ${name} (import + first request)`,
        value: cold,
        unit: 'ms',
        baseline: { label: 'minimal handler', value: minimal, unit: 'ms' },
        goal: GOAL_VS_MINIMAL,
        note: `${(cold / nodeOnly).toFixed(2)}x node -e 0 (${nodeOnly.toFixed(0)} ms); medians of ${rounds} processes`,
      }),
    );
  }
  return figures;
}

function sizeFigure(bundle: Bundle): Figure {
  const kib = (bytes: number) => bytes / 1024;
  return withinLimit(
    {
      id: `bundleSize.${bundle.name}`,
      label: `bundle size, ${bundle.name} (minified ESM, AWS SDK bundled)`,
      value: kib(bundle.bytes),
      unit: 'KiB',
      note: `heaviest: ${bundle.heaviest.map((h) => `${h.pkg} ${kib(h.bytes).toFixed(1)}`).join(', ')}`,
    },
    { label: 'limit', value: BUNDLE_LIMIT_KIB },
  );
}

type Bundle = {
  name: string;
  file: string;
  /** index.mjs alone, source map excluded: what Lambda loads. */
  bytes: number;
  /** The heaviest packages inside, by bytes of output. */
  heaviest: { pkg: string; bytes: number }[];
};

/** Each function as CDK bundles it, plus the minimal handler; the driver is bundled plainly. */
async function bundleFunctions(): Promise<{ bundles: Bundle[]; driver: string }> {
  rmSync(`${BENCH_OUT_DIR}bundles`, { recursive: true, force: true });
  const entries: [string, string][] = [...Object.entries(FUNCTION_ENTRIES), ['minimal', MINIMAL_ENTRY]];
  const bundles = await Promise.all(entries.map(([name, entry]) => bundleOne(name, entry)));
  const driver = `${BENCH_OUT_DIR}bundles/invokeOnce.mjs`;
  await build({
    entryPoints: [ROOT + DRIVER_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: driver,
    logLevel: 'warning',
  });
  return { bundles, driver };
}

async function bundleOne(name: string, entry: string): Promise<Bundle> {
  const options = cdkEsbuildOptions(ROOT + entry, `${BENCH_OUT_DIR}bundles/${name}`);
  const result = await build({ ...options, absWorkingDir: ROOT });
  const file = options.outfile!;
  const output = Object.entries(result.metafile!.outputs).find(([path]) => path.endsWith('.mjs') || path.endsWith('.js'))![1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? '(project)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  const heaviest = [...byPackage]
    .map(([pkg, bytes]) => ({ pkg, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4);
  return { name, file, bytes: statSync(file).size, heaviest };
}

/**
 * Bundling fields whose effect on the esbuild call is reproduced below, following
 * aws-cdk-lib's Bundling.buildEsbuildArgs. Others either do not change the output
 * (Docker, asset hash, esbuild version pin) or are not reproduced: a field outside
 * both lists makes the bench stop rather than measure a bundle CDK would not build.
 */
const REPRODUCED = new Set([
  'format',
  'target',
  'mainFields',
  'banner',
  'footer',
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'externalModules',
  'nodeModules',
  'loader',
  'define',
  'logLevel',
  'keepNames',
  'inject',
  'charset',
  'tsconfig',
  'metafile',
]);
// commandHooks only ship the lazily imported modules beside the bundle (LAZY_MODULES); bench bundles, written
// inside the repository, find them in its node_modules, so the bundle itself is the same.
const NO_OUTPUT_EFFECT = new Set([
  'forceDockerBundling',
  'dockerImage',
  'assetHash',
  'esbuildVersion',
  'bundlingFileAccess',
  'buildArgs',
  'commandHooks',
]);

/** The esbuild options CDK derives from esmBundling (infra/PivotFunction.ts) for one entry, writing `outdir/index.mjs` (or index.js for CJS). */
function cdkEsbuildOptions(entry: string, outdir: string, bundling: BundlingOptions = esmBundling): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !REPRODUCED.has(key) && !NO_OUTPUT_EFFECT.has(key));
  if (unknown.length > 0) {
    throw new Error(`infra/PivotFunction.ts (esmBundling) sets ${unknown.join(', ')}, which bench/coldStart.ts does not reproduce yet`);
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

/**
 * Wall time from spawning a `node` process to its exit, in ms. stdout (the
 * handlers' JSON log lines) is discarded; stderr is kept to explain a failure.
 * A process that outlives `timeoutMs` is killed and counted as a failure.
 */
function spawnTimed(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const elapsed = performance.now() - t0;
      clearTimeout(timer);
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${args.join(' ')} exited ${code ?? signal}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
