import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { figure, type Figure } from '../report/figure';
import { kazooQueryString } from '../../lib/request/encodeKazooParams';
import { kazooParams } from '../../test/fixtures/kazooCalls';
import { BENCH_TOKEN } from '../support/pivotBench';
import { keepAliveLoad, type LoadResult } from './keepAliveLoad';
import { startServerProcess, type ServerProcess } from './serverProcess';

const SECONDS_EACH = 5;
const ROUNDS = 4;
const CONCURRENCY = 8;
const WARM_UP_MS = 3_000;
const GOAL = { op: '>=', ratio: 0.5 } as const;
/** Headers that belong to one response or one connection, not to the answer. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'apigw-requestid']);

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Requests per second through `npm start`'s server (a time-of-day GET on
 * main-number, as Kazoo sends it) against a bare node:http server answering the
 * same JSON, both in their own process on loopback, the same keep-alive load
 * generator driving each in turn: ROUNDS slices per server, alternating, so
 * SECONDS_EACH seconds of load each in all.
 */
export async function measureHttpThroughput(): Promise<Figure[]> {
  const path = `/pivot/main-number?token=${BENCH_TOKEN}&${kazooQueryString(kazooParams({ 'Call-ID': 'http-bench' }))}`;
  let local: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  try {
    local = await startServerProcess(script('./localServerMain.ts'), []);
    const sample = await fetchOnce(local.port, path);
    if (sample.status !== 200) throw new Error(`the local server answered ${sample.status}: ${sample.body}`);
    bare = await startServerProcess(script('./bareServerMain.ts'), [JSON.stringify({ body: sample.body, headers: sample.headers })]);

    const targets = { local: { port: local.port, path, expectBody: sample.body }, bare: { port: bare.port, path, expectBody: sample.body } };
    const sliceMs = (SECONDS_EACH * 1000) / ROUNDS;
    for (const target of Object.values(targets)) await keepAliveLoad(target, { concurrency: CONCURRENCY, durationMs: WARM_UP_MS });
    const servers = { local, bare };
    const results: Record<'local' | 'bare', LoadResult[]> = { local: [], bare: [] };
    const cpuMicros = { local: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['bare', 'local'] as const) : (['local', 'bare'] as const);
      for (const name of order) {
        const cpuBefore = await servers[name].cpuMicros();
        results[name].push(await keepAliveLoad(targets[name], { concurrency: CONCURRENCY, durationMs: sliceMs }));
        cpuMicros[name] += (await servers[name].cpuMicros()) - cpuBefore;
      }
    }
    const rate = (list: LoadResult[]) => list.reduce((a, r) => a + r.requests, 0) / list.reduce((a, r) => a + r.seconds, 0);
    const count = (list: LoadResult[]) => list.reduce((a, r) => a + r.requests, 0);
    return [
      figure({
        id: 'httpThroughput.localServer',
        label: 'local HTTP throughput (npm start server, time-of-day GET)',
        value: rate(results.local),
        unit: 'req/s',
        baseline: { label: 'bare node:http, same JSON', value: rate(results.bare), unit: 'req/s' },
        goal: GOAL,
        // Server CPU per request is less exposed than req/s to the load generator and neighbours sharing the cores.
        note:
          `${count(results.local)} vs ${count(results.bare)} requests, ${SECONDS_EACH} s each in ${ROUNDS} alternating slices, ` +
          `${CONCURRENCY} keep-alive connections; server CPU/request ${(cpuMicros.local / count(results.local)).toFixed(0)} vs ` +
          `${(cpuMicros.bare / count(results.bare)).toFixed(0)} µs`,
      }),
    ];
  } finally {
    await Promise.all([local?.stop(), bare?.stop()]);
  }
}

function fetchOnce(port: number, path: string): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (!PER_RESPONSE.has(name) && typeof value === 'string') headers[name] = value;
        }
        resolve({ status: res.statusCode ?? 0, body, headers });
      });
    }).on('error', reject);
  });
}
