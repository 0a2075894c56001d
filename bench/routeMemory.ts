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
import { loadPatternEngine } from '../lib/routes/safePattern';
import { decideEntry, decideFollowUp } from '../lib/rules/decideAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, EXAMPLES_DIR, entryEvent } from './benchSupport';
import { type Figure, figure } from './report';

const COPIES = 200;

/** Callers that reach different rules of the examples: a US number, a UK one, an extension, none. */
const CALLERS = [
  { 'Caller-ID-Number': '+12125550100', From: '+12125550100', Language: 'en-US' },
  { 'Caller-ID-Number': '+442071234567', From: '+442071234567', Language: 'fr-CA' },
  { 'Caller-ID-Number': '1001', From: '1001', Request: '*7012', To: '*7012' },
];
/** A weekday morning, a weeknight and a Saturday afternoon in New York, and Christmas Day. */
const INSTANTS = ['2026-12-02T15:00:00Z', '2026-12-03T04:30:00Z', '2026-12-05T19:00:00Z', '2026-12-25T16:00:00Z'].map(
  (iso) => new Date(iso),
);
/** What callers key into a step: menu choices, a PIN, an account number, nothing. */
const KEYED = ['1', '2', '9', '1234', '12345678', ''];

/**
 * Heap a loaded route keeps (the route cache holds one per route, and its last
 * known good copy) against its JSON text, over every example route: 200 copies
 * held, heap measured after a full GC before and after. Two figures: just parsed,
 * and after serving, where each copy has first judged entries and step follow-ups
 * at four instants (its temporal verdicts cached, its patterns run), which is
 * what a cached route is in production. The compiled patterns live in one
 * process-wide cache (emptied before each measurement, so the programs count,
 * shared by the copies as routes share patterns). A whole round is parsed,
 * served and dropped first, so one-time costs (the code V8 optimizes, zod's
 * internals) are not counted as the routes'. Goal (issue 13): ≤ 2× the JSON.
 */
export async function measureRouteMemory(): Promise<Figure[]> {
  // As the route store does for routes that need them.
  await loadPatternEngine();
  await loadHolidayLibrary();
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const texts = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.stringify(JSON.parse(readFileSync(`${EXAMPLES_DIR}${f}`, 'utf8'))));
  const jsonPerRoute = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / texts.length;
  const parsed = (text: string) => parseRoute(JSON.parse(text));
  const served = (text: string) => serve(parsed(text));
  const heapPerRoute = (load: (text: string) => Route) => {
    const held: Route[] = [];
    sharedPatterns.clear();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < COPIES; i++) for (const text of texts) held.push(load(text));
    gc();
    const after = process.memoryUsage().heapUsed;
    if (held.length !== texts.length * COPIES) throw new Error('unreachable: keeps the routes alive');
    return (after - before) / held.length;
  };
  // A whole round first, discarded: the code V8 optimizes while parsing and serving thousands of routes is the process's, not theirs.
  heapPerRoute(served);
  const justParsed = heapPerRoute(parsed);
  const afterServing = heapPerRoute(served);
  const programs = `${sharedPatterns.size} distinct patterns, their programs ~${(sharedPatterns.bytes / 1024).toFixed(0)} KiB shared by all copies`;
  const baseline = { label: 'JSON text per route', value: jsonPerRoute, unit: 'bytes/route' };
  const describe = (heap: number) => `${(heap / jsonPerRoute).toFixed(2)} heap bytes per JSON byte, after a full GC; ${programs}`;
  return [
    figure({
      id: 'memory.parsedRouteVsJson',
      label: `heap per cached route after serving vs its JSON (${texts.length} example routes x ${COPIES})`,
      value: afterServing,
      unit: 'bytes/route',
      baseline,
      goal: { op: '<=', ratio: 2 },
      note: `${describe(afterServing)}; each copy first answered ${INSTANTS.length} instants x ${CALLERS.length} callers and every step x ${KEYED.length} inputs`,
    }),
    figure({
      id: 'memory.justParsedRouteVsJson',
      label: `heap per route just parsed vs its JSON (${texts.length} example routes x ${COPIES})`,
      value: justParsed,
      unit: 'bytes/route',
      baseline,
      goal: { op: '<=', ratio: 2 },
      note: describe(justParsed),
    }),
  ];
}

/** Judges entries and follow-ups on `route` as calls would, so it holds what serving leaves in it. */
function serve(route: Route): Route {
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
  return route;
}

function keyedInto(request: PivotRequest, step: string, keyed: string): PivotRequest {
  const form = keyed === '' ? 'none' : 'string';
  return { ...request, step, digits: { collections: {}, ...(keyed === '' ? {} : { latest: keyed }), form } };
}

/** A route whose rule needs a lookup stops there, as the handler would before fetching it. */
function judge(decide: () => unknown): void {
  try {
    decide();
  } catch (error) {
    if (!(error instanceof DataNeededError)) throw error;
  }
}
