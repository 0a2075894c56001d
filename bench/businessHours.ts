/**
 * What the business-hours conditions cost. Two figures:
 * - one decision on the small-business cookbook route (closures, a holidays rule,
 *   two `hours` rules, then its menu) against one on main-number (a single Kazoo
 *   temporal rule), same instants spread over a year, interleaved in one process;
 * - what a route with `holidays` adds to its container's first request: loading
 *   date-holidays and computing a year of US holidays in a fresh `node`, against a
 *   fresh `node` that only starts (routes without holidays never pay it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHolidayLibrary } from '../lib/holidays/holidayCondition';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { parseRoute } from '../lib/routes/parseRoute';
import { decideEntry } from '../lib/rules/decideAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, EXAMPLES_DIR, entryEvent, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

const ROUNDS = 20;
const DECISIONS_PER_ROUND = 2_000;
const INSTANTS = 97;
const TIME_LIMIT_MS = 10_000;
const PROCESS_ROUNDS = 8;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export async function measureBusinessHours(): Promise<Figure[]> {
  await loadHolidayLibrary();
  const [smallBusiness, mainNumber] = ['small-business.json', 'main-number.json'].map((file) =>
    parseRoute(JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'))),
  );
  const request = normalizePivotRequest(httpRequestFrom(entryEvent('small-business', 'bench-hours')));
  const pivotBack = pivotBackFor(request, 'https://example.invalid/pivot/small-business', benchFollowUps('small-business', request.callId));
  const start = Date.parse('2026-01-01T00:00:00Z');
  // Every 3.77 days at a drifting hour: open, lunch, after hours, weekends, holidays and closures all come up.
  const instants = Array.from({ length: INSTANTS }, (_, i) => new Date(start + i * 3.77 * 86_400_000));
  let sink = 0;
  const run = (route: typeof smallBusiness) => () => {
    const t0 = performance.now();
    for (let i = 0; i < DECISIONS_PER_ROUND; i++) {
      sink += decideEntry({ route: route!, request, now: instants[i % INSTANTS]!, pivotBack }).outcome.kind.length;
    }
    return ((performance.now() - t0) * 1000) / DECISIONS_PER_ROUND;
  };
  const subject = run(smallBusiness);
  const baseline = run(mainNumber);
  subject();
  baseline();
  const subjects: number[] = [];
  const baselines: number[] = [];
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    const pair = round % 2 === 0 ? [subject, baseline] : [baseline, subject];
    const [a, b] = [pair[0]!(), pair[1]!()];
    subjects.push(round % 2 === 0 ? a : b);
    baselines.push(round % 2 === 0 ? b : a);
  }
  if (sink === 0) throw new Error('unreachable: keeps the work observable');

  const loadScript =
    "const t=performance.now();const{default:H}=await import('date-holidays');new H('US','','',{timezone:'America/New_York'}).getHolidays(2026);console.log(performance.now()-t)";
  const loads: number[] = [];
  const starts: number[] = [];
  for (let round = 0; round < PROCESS_ROUNDS; round++) {
    loads.push(Number(spawnSync(process.execPath, ['--input-type=module', '-e', loadScript], { cwd: ROOT, encoding: 'utf8' }).stdout));
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { cwd: ROOT });
    starts.push(performance.now() - t0);
  }

  return [
    figure({
      id: 'businessHours.decisionMicros',
      label: 'business hours: one decision on small-business (closures, holidays, hours, menu)',
      value: median(subjects),
      unit: 'µs',
      baseline: { label: 'main-number (one temporal rule)', value: median(baselines), unit: 'µs' },
      goal: null,
      note: `median of ${subjects.length} interleaved rounds of ${DECISIONS_PER_ROUND} decisions over ${INSTANTS} instants in 2026`,
    }),
    figure({
      id: 'businessHours.holidayLibraryLoadMs',
      label: 'first request of a container with a holidays route: load date-holidays + a year of US holidays',
      value: median(loads),
      unit: 'ms',
      baseline: { label: 'a fresh node process start (node -e 0)', value: median(starts), unit: 'ms' },
      goal: null,
      note: `median of ${PROCESS_ROUNDS} fresh processes each; routes without holidays never load it (it ships beside the bundle)`,
    }),
  ];
}
