/**
 * `npm run bench`: the five measurements of issue 7, each a ratio against a
 * baseline measured in the same run. Prints a table and writes bench/results.json.
 * Runs them one after another (never in parallel: they would measure each other).
 */
import { describeMachine, type Figure, formatTable, RESULTS_FILE, type Results, writeResults } from './report';

// Dummy credentials and region: the SDK refuses to sign without them, dynalite ignores
// them. Set before any client is built, inherited by child processes. Powertools metrics
// stay enabled (the pipeline pays for them in Lambda too); benchSupport sends their output
// to a sink.
process.env['AWS_REGION'] ??= 'us-east-1';
process.env['AWS_ACCESS_KEY_ID'] ??= 'bench';
// The SDK's notice that its 2027 releases need Node 22 would print once per child process; the README states the versions.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'bench';
// Imported after the environment is set: functions/ builds Powertools objects at import time.
const { seedPivotTable, startDynalite } = await import('./benchSupport');
const { measureWarmLatency } = await import('./warmLatency');
const { measureWarmCpu } = await import('./warmCpu');
const { measureEngineThroughput, measurePatternMatching } = await import('./engine');
const { measureTwimlAnswer } = await import('./twimlAnswer');
const { measureColdStart } = await import('./coldStart');
const { measureTemporalVsPlain } = await import('./temporalRules');
const { measureRouteMemory } = await import('./routeMemory');
const { measureDynamoCalls } = await import('./dynamoCalls');
const { measureHttpThroughput } = await import('./httpThroughput');
const { measureOutsideData } = await import('./outsideData');
const { measureBusinessHours } = await import('./businessHours');
const { measureRegionFailover } = await import('./regionFailover');

const TABLE = 'kazoo-pivot-bench';
const started = performance.now();
const figures: Figure[] = [];
const skipped: Results['skipped'] = [];

/** `BENCH_ONLY=warm,cold` runs the measurements whose names contain one of those words, and prints without writing results. */
const only = process.env['BENCH_ONLY']?.split(',').filter(Boolean);

/** A measurement that fails is reported and skipped; the others still run and the exit code says so. */
async function run(name: string, measure: () => Promise<Figure[]> | Figure[]): Promise<void> {
  if (only && !only.some((word) => name.includes(word))) return;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    figures.push(...(await measure()));
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    skipped.push({ measurement: name, reason });
    process.stderr.write(` FAILED: ${reason}\n`);
  }
}

const dynalite = await startDynalite();
try {
  await seedPivotTable(dynalite.endpoint, TABLE);
  await run('warm latency', () => measureWarmLatency(dynalite.endpoint, TABLE));
  await run('warm CPU', () => measureWarmCpu(dynalite.endpoint, TABLE));
  await run('engine throughput', () => measureEngineThroughput());
  await run('pattern matching', () => measurePatternMatching());
  await run('TwiML answer', () => measureTwimlAnswer());
  await run('temporal rules', () => measureTemporalVsPlain());
  await run('business hours', () => measureBusinessHours());
  await run('route memory', () => measureRouteMemory());
  await run('outside data (splits, cached lookups, calendar feeds)', () => measureOutsideData());
  await run('cold start', () => measureColdStart(dynalite.endpoint, TABLE));
  await run('DynamoDB calls per request', () => measureDynamoCalls(dynalite.endpoint, TABLE));
} finally {
  await dynalite.close();
}
await run('local HTTP throughput', () => measureHttpThroughput());
await run('region failover', () => measureRegionFailover());

const machine = describeMachine();
const durationSeconds = (performance.now() - started) / 1000;
if (!only) writeResults({ machine, durationSeconds, skipped, figures });
console.log(
  `kazoo-pivot-serverless benchmark, ${machine.date}, node ${machine.node}, ${machine.cpuModel} x${machine.cores}, ${durationSeconds.toFixed(0)} s\n`,
);
console.log(formatTable(figures));
for (const s of skipped) console.log(`\nSKIPPED ${s.measurement}: ${s.reason}`);
console.log(only ? '\npartial run (BENCH_ONLY): results not written' : `\nwritten to ${RESULTS_FILE}`);
process.exitCode = skipped.length > 0 ? 1 : 0;
