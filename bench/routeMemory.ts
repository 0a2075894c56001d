import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataNeededError } from '../lib/errors';
import { loadHolidayLibrary } from '../lib/holidays/holidayCondition';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import type { PivotRequest } from '../lib/request/pivotRequest';
import { sharedPatterns } from '../lib/routes/patternCache';
import { parseRoute } from '../lib/routes/parseRoute';
import type { Route } from '../lib/routes/routeSchema';
import { CachedRulesStore } from '../lib/routes/rulesStore';
import { loadPatternEngine } from '../lib/routes/safePattern';
import { type Decision, decideEntry, decideFollowUp } from '../lib/rules/decideAnswer';
import { renderPivotAnswer } from '../lib/callflow/renderPivotAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, EXAMPLES_DIR, entryEvent, median } from './benchSupport';
import { type Figure, figure } from './report';

const COPIES = 200;

/** Callers that reach different rules of the examples: a US number, a UK one, an extension. */
const CALLERS = [
  { 'Caller-ID-Number': '+12125550100', From: '+12125550100', Language: 'en-US' },
  { 'Caller-ID-Number': '+442071234567', From: '+442071234567', Language: 'fr-CA' },
  { 'Caller-ID-Number': '1001', From: '1001', Request: '*7012', To: '*7012' },
];
/** A weekday morning, a weeknight and a Saturday afternoon in New York, and Christmas Day. */
const INSTANTS = ['2026-12-02T15:00:00Z', '2026-12-03T04:30:00Z', '2026-12-05T19:00:00Z', '2026-12-25T16:00:00Z'].map(
  (iso) => new Date(iso),
);
/** What callers key into a step: menu choices, a PIN, nothing. */
const KEYED = ['1', '9', '1234', ''];

/**
 * Heap a cached route keeps against its JSON text, over every example route, 200
 * copies of each (each its own route id), heap measured after a full GC before
 * and after. The figure with the goal holds them as production does: loaded
 * through the route cache (CachedRulesStore: its entry and the last-known-good
 * copy) and then serving calls, entries and step follow-ups at four instants
 * with their answers written as the handler writes them, so its temporal
 * verdicts and fixed answers are kept and the patterns of the rules it reached
 * have run. The second figure is parseRoute alone. The compiled patterns live in one
 * process-wide cache (emptied before each measurement, so the programs count,
 * shared by the copies as routes share patterns). Whole rounds are loaded, served
 * and dropped first, so one-time costs (the code V8 optimizes, zod's internals)
 * are not counted as the routes'; the first figure is the median of three rounds.
 * Goal (issue 13): ≤ 2× the JSON.
 */
export async function measureRouteMemory(): Promise<Figure[]> {
  // As the route store does for routes that need them.
  await loadPatternEngine();
  await loadHolidayLibrary();
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const examples = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${EXAMPLES_DIR}${f}`, 'utf8')) as { id: string });
  const copies = Array.from({ length: COPIES }, (_, i) => examples.map((e) => JSON.stringify({ ...e, id: `${e.id}-${i}` }))).flat();
  const jsonPerRoute = copies.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / copies.length;
  // Made before measuring: the store's source holds it, and it is the bench's, not the routes'.
  const textById = new Map(copies.map((t) => [(JSON.parse(t) as { id: string }).id, t]));

  const heapPerRoute = async (load: () => Promise<unknown>) => {
    sharedPatterns.clear();
    gc();
    const before = process.memoryUsage().heapUsed;
    const held = await load();
    gc();
    const after = process.memoryUsage().heapUsed;
    if (!held) throw new Error('unreachable: keeps the routes alive');
    return (after - before) / copies.length;
  };
  let counted = 0;
  const cachedAndServed = async () => {
    // What DynamoDB's client hands the store: a fresh object per read.
    const source = { fetchRouteDocument: async (id: string) => JSON.parse(textById.get(id)!) as unknown };
    const store = new CachedRulesStore(source, { maxBytes: Number.MAX_SAFE_INTEGER });
    for (const id of textById.keys()) serve((await store.getRoute(id))!);
    counted = store.cachedBytes / textById.size;
    return store;
  };
  const justParsed = async () => copies.map((t) => parseRoute(JSON.parse(t)));

  // Whole rounds first, dropped: the code V8 optimizes while loading and serving thousands of routes is the process's, not theirs.
  for (let i = 0; i < 2; i++) await heapPerRoute(cachedAndServed);
  const cached = median([await heapPerRoute(cachedAndServed), await heapPerRoute(cachedAndServed), await heapPerRoute(cachedAndServed)]);
  const parsed = await heapPerRoute(justParsed);
  const programs = `${sharedPatterns.size} distinct patterns, their programs ~${(sharedPatterns.bytes / 1024).toFixed(0)} KiB shared by all copies`;
  const baseline = { label: 'JSON text per route', value: jsonPerRoute, unit: 'bytes/route' };
  const perJsonByte = (heap: number) => `${(heap / jsonPerRoute).toFixed(2)} heap bytes per JSON byte, after a full GC; ${programs}`;
  return [
    figure({
      id: 'memory.parsedRouteVsJson',
      label: `heap per cached route after serving vs its JSON (${examples.length} example routes x ${COPIES})`,
      value: cached,
      unit: 'bytes/route',
      baseline,
      goal: { op: '<=', ratio: 2 },
      note: `${perJsonByte(cached)}; held by the route cache (entry and last-known-good copy), each first answered (answers written) ${INSTANTS.length} instants x ${CALLERS.length} callers and every step x ${KEYED.length} inputs; the cache's byte budget counts ${counted.toFixed(0)} bytes/route (${(counted / cached).toFixed(2)}x the heap measured)`,
    }),
    figure({
      id: 'memory.justParsedRouteVsJson',
      label: `heap per route just parsed vs its JSON (${examples.length} example routes x ${COPIES})`,
      value: parsed,
      unit: 'bytes/route',
      baseline,
      goal: { op: '<=', ratio: 2 },
      note: perJsonByte(parsed),
    }),
  ];
}

/** Judges entries and follow-ups on `route` and writes their answers as calls would, so it holds what serving leaves in it. */
function serve(route: Route): void {
  for (const [i, caller] of CALLERS.entries()) {
    const request = normalizePivotRequest(httpRequestFrom(entryEvent(route.id, `memory-${i}`, caller)));
    const pivotBack = pivotBackFor(request, `https://example.invalid/pivot/${route.id}`, benchFollowUps(route.id, request.callId));
    for (const now of INSTANTS) {
      judge(() => decideEntry({ route, request, now, pivotBack }));
      for (const step of Object.keys(route.steps)) {
        for (const keyed of KEYED)
          judge(() => decideFollowUp({ route, request: keyedInto(request, step, keyed), now, pivotBack }, undefined));
      }
    }
  }
}

function keyedInto(request: PivotRequest, step: string, keyed: string): PivotRequest {
  const form = keyed === '' ? 'none' : 'string';
  return { ...request, step, digits: { collections: {}, ...(keyed === '' ? {} : { latest: keyed }), form } };
}

/** A route whose rule needs a lookup stops there, as the handler would before fetching it. */
function judge(decide: () => Decision): void {
  try {
    const { node } = decide();
    // What the handler answers with: a route's fixed answers are checked and written once, and kept (fixedAnswers.ts).
    if (node) renderPivotAnswer(node);
  } catch (error) {
    if (!(error instanceof DataNeededError)) throw error;
  }
}
