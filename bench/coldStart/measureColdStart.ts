import { writeFileSync } from 'node:fs';
import { figure, withinLimit, type Figure } from '../report/figure';
import { pivotEnvironment } from '../support/pivotBench';
import { cdrEvent, entryEvent } from '../support/pivotEvents';
import { median } from '../support/stats';
import { timeBox } from '../support/timeBox';
import { BENCH_OUT_DIR, bundleFunctions, type Bundle } from './bundleFunctions';
import { spawnTimed } from './spawnTimed';

const ROUNDS = 20;
const TIME_LIMIT_MS = 75_000;
const PROCESS_TIMEOUT_MS = 15_000;
const BUNDLE_LIMIT_KIB = 200;
const GOAL_VS_MINIMAL = { op: '<=', ratio: 1.2 } as const;

type Subject = 'node -e 0' | 'minimal' | 'pivot' | 'cdr' | 'health';

/**
 * Bundle size and cold start of each function. A sample is one fresh `node`
 * process that imports the bundle and answers one request against the bench's
 * dynalite (this process serves it while it waits), from spawn to exit. Subjects
 * take turns within each round, the order rotating, so drift hits all of them.
 * The environment is the deployed one where it matters: NODE_OPTIONS
 * --enable-source-maps as infra/PivotFunction.ts sets it (for every subject,
 * `node -e 0` included), the token from PIVOT_TOKEN instead of Secrets Manager.
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
    NODE_OPTIONS: '--enable-source-maps',
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
      label: `bundle size, ${bundle.name} (minified ESM, AWS SDK external)`,
      value: kib(bundle.bytes),
      unit: 'KiB',
      note: `heaviest: ${bundle.heaviest.map((h) => `${h.pkg} ${kib(h.bytes).toFixed(1)}`).join(', ')}`,
    },
    { label: 'limit', value: BUNDLE_LIMIT_KIB },
  );
}
