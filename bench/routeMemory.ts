import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseRoute } from '../lib/routes/parseRoute';
import type { Route } from '../lib/routes/routeSchema';
import { EXAMPLES_DIR } from './benchSupport';
import { type Figure, figure } from './report';

const COPIES = 200;

/**
 * Heap a parsed route keeps (the route cache holds one per route, and its last
 * known good copy) against its JSON text, over every example route: 200 copies
 * parsed and held, heap measured after a full GC before and after. Goal (issue
 * 13): ≤ 2× the JSON.
 */
export function measureRouteMemory(): Figure[] {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const texts = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.stringify(JSON.parse(readFileSync(`${EXAMPLES_DIR}${f}`, 'utf8'))));
  const jsonBytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) * COPIES;
  const held: Route[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < COPIES; i++) for (const text of texts) held.push(parseRoute(JSON.parse(text)));
  gc();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== texts.length * COPIES) throw new Error('unreachable: keeps the routes alive');
  const perJsonByte = (after - before) / jsonBytes;
  return [
    figure({
      id: 'memory.parsedRouteVsJson',
      label: `heap per parsed route vs its JSON (${texts.length} example routes x ${COPIES})`,
      value: (after - before) / (texts.length * COPIES),
      unit: 'bytes/route',
      baseline: { label: 'JSON text per route', value: jsonBytes / (texts.length * COPIES), unit: 'bytes/route' },
      goal: { op: '<=', ratio: 2 },
      note: `${perJsonByte.toFixed(2)} heap bytes per JSON byte, after a full GC`,
    }),
  ];
}
