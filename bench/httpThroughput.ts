import { type ChildProcess, fork } from 'node:child_process';
import { Agent, get, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { kazooQueryString } from '../lib/request/encodeKazooParams';
import { kazooParams } from '../test/fixtures/kazooCalls';
import { BENCH_ROUTE_KEY, benchToken } from './benchSupport';
import { type Figure, figure } from './report';

const SECONDS_EACH = 5;
const ROUNDS = 4;
const CONCURRENCY = 8;
const WARM_UP_MS = 3_000;
const GOAL = { op: '>=', ratio: 0.5 } as const;
/** Headers that belong to one response or one connection, not to the answer. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'apigw-requestid']);

/** The child process each server runs in: `local` or `bare`, see that file. */
const SERVER_SCRIPT = fileURLToPath(new URL('./httpThroughputServer.ts', import.meta.url));

/**
 * Requests per second through `npm start`'s server (a time-of-day GET on
 * main-number, as Kazoo sends it) against a bare node:http server answering the
 * same JSON, both in their own process on loopback, the same keep-alive load
 * generator driving each in turn: ROUNDS slices per server, alternating, so
 * SECONDS_EACH seconds of load each in all.
 */
export async function measureHttpThroughput(): Promise<Figure[]> {
  const path = `/pivot/main-number?token=${benchToken('main-number')}&${kazooQueryString(kazooParams({ 'Call-ID': 'http-bench' }))}`;
  let local: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  try {
    local = await startServerProcess(SERVER_SCRIPT, ['local', BENCH_ROUTE_KEY]);
    const sample = await fetchOnce(local.port, path);
    if (sample.status !== 200) throw new Error(`the local server answered ${sample.status}: ${sample.body}`);
    bare = await startServerProcess(SERVER_SCRIPT, ['bare', JSON.stringify({ body: sample.body, headers: sample.headers })]);

    const targets = {
      local: { port: local.port, path, expectBody: sample.body },
      bare: { port: bare.port, path, expectBody: sample.body },
    };
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

type LoadResult = { requests: number; seconds: number; perSecond: number };

/**
 * A closed-loop load: `concurrency` workers on keep-alive sockets, each sending
 * the next request as soon as the previous answer is read, until `durationMs`
 * is up. Every answer must be a 200 with the expected body, so a server that
 * fails fast cannot look fast.
 */
async function keepAliveLoad(
  target: { port: number; path: string; expectBody: string },
  options: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const deadline = performance.now() + options.durationMs;
  let requests = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await getOnce(agent, target);
      requests++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requests, seconds, perSecond: requests / seconds };
}

function getOnce(agent: Agent, target: { port: number; path: string; expectBody: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200 || body !== target.expectBody) {
          reject(new Error(`answered ${res.statusCode} ${body.slice(0, 200)}`));
        } else resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end();
  });
}

type ServerProcess = {
  port: number;
  /** CPU time the server process has used so far (user + system), in microseconds. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
};

type Ready = { port: number };
type CpuReport = { cpu: NodeJS.CpuUsage };

/**
 * Runs a server script in its own Node process (through tsx) and waits for it to
 * report its port over IPC. Servers live apart from the load generator so each
 * side has a core of the two, as with `npm start` and a Kazoo hitting it.
 * Their stdout (request logs) is discarded; stderr is kept for a failure message.
 */
function startServerProcess(script: string, args: string[], timeoutMs = 30_000): Promise<ServerProcess> {
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const name = `${script} ${args[0] ?? ''}`.trimEnd();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not report a port within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}; stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    };
    child.once('exit', (code) => fail(new Error(`${name} exited ${code} before it was ready`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port: (message as Ready).port, cpuMicros: () => askCpu(child), stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

function askCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => {
      const { cpu } = message as CpuReport;
      resolve(cpu.user + cpu.system);
    });
    child.send('cpu');
  });
}
