import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cdkEsbuildOptions } from './cdkEsbuildOptions';

/** Where the bench writes its bundles: inside the repo so Node finds node_modules (the AWS SDK is external). */
export const BENCH_OUT_DIR = fileURLToPath(new URL('../.out/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Bundle = {
  name: string;
  file: string;
  /** index.mjs alone, source map excluded: what Lambda loads. */
  bytes: number;
  /** The heaviest packages inside, by bytes of output. */
  heaviest: { pkg: string; bytes: number }[];
};

export const FUNCTION_ENTRIES = { pivot: 'functions/pivot.ts', cdr: 'functions/cdr.ts', health: 'functions/health.ts' } as const;
export const MINIMAL_ENTRY = 'bench/coldStart/minimalHandler.ts';
const DRIVER_ENTRY = 'bench/coldStart/invokeOnce.ts';

/** Each function as CDK bundles it, plus the minimal handler; the driver is bundled plainly. */
export async function bundleFunctions(): Promise<{ bundles: Bundle[]; driver: string }> {
  rmSync(`${BENCH_OUT_DIR}bundles`, { recursive: true, force: true });
  const entries: [string, string][] = [...Object.entries(FUNCTION_ENTRIES), ['minimal', MINIMAL_ENTRY]];
  const bundles = await Promise.all(entries.map(([name, entry]) => bundleOne(name, entry)));
  const driver = `${BENCH_OUT_DIR}bundles/invokeOnce.mjs`;
  await build({ entryPoints: [ROOT + DRIVER_ENTRY], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: driver, logLevel: 'warning' });
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
  const heaviest = [...byPackage].map(([pkg, bytes]) => ({ pkg, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 4);
  return { name, file, bytes: statSync(file).size, heaviest };
}
