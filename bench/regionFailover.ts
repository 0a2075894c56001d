import { playCall, type SimulatedCall } from '../local/simulator/playCall';
import { type LocalServer, startLocalServer } from '../local/startLocalServer';
import { failoverCall, simulatedParty } from '../test/fixtures/simulatedCalls';
import { median } from './benchSupport';
import { type Figure, figure } from './report';

const CALLS = 15;

/**
 * What a failover costs a caller, played by the simulator (Kazoo 4.3: a refused
 * connection fails over at once) against two local servers on one table: the whole
 * two-step account-pin IVR call when the first "region" refuses connections from
 * the start, and when it stops mid-IVR, against the same call with both up.
 * Master's extra ~10 s of silence is a constant of Kazoo's, not measured here.
 */
export async function measureRegionFailover(): Promise<Figure[]> {
  // The servers' own log lines and EMF blobs would bury the bench table; read when they start.
  const quiet = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
  const saved = Object.fromEntries(Object.keys(quiet).map((name) => [name, process.env[name]]));
  Object.assign(process.env, quiet);
  try {
    return await measureQuietly();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function measureQuietly(): Promise<Figure[]> {
  const second = await startLocalServer({ port: 0, dynamoPort: 0, routeKeys: { current: 'bench-failover-key-0123456789' } });
  const servers: LocalServer[] = [second];
  const firstServer = () =>
    startLocalServer({ port: 0, dynamoEndpoint: second.dynamoEndpoint, routeKeys: second.routeKeys }).then((server) => {
      servers.push(server);
      return server;
    });
  try {
    const timed = async (sim: SimulatedCall) => {
      const t0 = performance.now();
      const transcript = await playCall(sim);
      const ms = performance.now() - t0;
      if (transcript.failed || transcript.ending !== 'answered') throw new Error(`the call ended ${transcript.ending}`);
      return { ms, failovers: transcript.failovers };
    };
    const samples = { up: [] as number[], refused: [] as number[], midIvr: [] as number[] };
    for (let i = 0; i < CALLS; i++) {
      const first = await firstServer();
      await timed(failoverCall(first.url, second, { party: simulatedParty({ callId: `warm-${i}` }) })); // a fresh server's first call reads the route: not the point here
      const up = await timed(failoverCall(first.url, second, { party: simulatedParty({ callId: `up-${i}` }) }));
      samples.up.push(up.ms);
      const mid = await timed({
        ...failoverCall(first.url, second, { party: simulatedParty({ callId: `mid-${i}` }) }),
        beforeRequest: async (n) => (n === 2 ? first.close() : undefined),
      });
      if (mid.failovers !== 1) throw new Error('the mid-IVR call did not fail over');
      samples.midIvr.push(mid.ms);
      samples.refused.push((await timed(failoverCall(first.url, second, { party: simulatedParty({ callId: `refused-${i}` }) }))).ms);
    }
    const baseline = { label: 'the same IVR call, both servers up', value: median(samples.up), unit: 'ms' };
    const note = `${CALLS} calls each, median; two local servers on one dynalite table, simulator as Kazoo 4.3`;
    return [
      figure({
        id: 'regionFailover.refused',
        label: 'IVR call, first region refusing connections (failover at the entry)',
        value: median(samples.refused),
        unit: 'ms',
        baseline,
        goal: null,
        note,
      }),
      figure({
        id: 'regionFailover.midIvr',
        label: 'IVR call, first region stopped mid-IVR (failover at a follow-up)',
        value: median(samples.midIvr),
        unit: 'ms',
        baseline,
        goal: null,
        note,
      }),
    ];
  } finally {
    await Promise.allSettled(servers.map((server) => server.close()));
  }
}
