import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPivotBench, entryEvent, followUpFromAnswer, type PivotBench } from './benchSupport';
import { type Figure, figure } from './report';

const IVR_CALLS_PER_SCRIPT = 10;
const TIME_OF_DAY_CALLS = 1_000;
const FORBIDDEN = ['ScanCommand', 'QueryCommand'];
const ONE_CALL_PER_REQUEST = { label: '1 call per request', value: 1, unit: 'calls/req' };

type Tally = { requests: number; calls: number; byCommand: Map<string, number> };

/**
 * DynamoDB calls per Pivot request, counted on the handler's own client, in a warm
 * container: each scenario starts a fresh one and warms its route cache with one
 * uncounted request (a cold container's first request adds that one GetItem).
 */
export async function measureDynamoCalls(endpoint: string, tableName: string): Promise<Figure[]> {
  const accountPin = await runScenario(endpoint, tableName, 'account-pin', async (bench) => runScripts(bench, accountPinCall));
  const salesMenu = await runScenario(endpoint, tableName, 'sales-support', async (bench) => runScripts(bench, salesMenuCall));
  const timeOfDay = await runScenario(endpoint, tableName, 'main-number', async (bench) => {
    // Instants every 7 h 13 min from a Monday: weekdays and weekends, in and out of hours.
    const start = Date.parse('2026-11-23T00:00:00Z');
    for (let i = 0; i < TIME_OF_DAY_CALLS; i++) {
      bench.setNow(new Date(start + i * 433 * 60_000));
      const answer = await bench.invoke(entryEvent('main-number', `tod-${i}`));
      if (answer.statusCode !== 200) throw new Error(`time-of-day call answered ${answer.statusCode}`);
    }
    return TIME_OF_DAY_CALLS;
  });

  const combined: Tally = { requests: 0, calls: 0, byCommand: new Map() };
  for (const t of [accountPin, salesMenu, timeOfDay]) {
    combined.requests += t.requests;
    combined.calls += t.calls;
    for (const [name, n] of t.byCommand) combined.byCommand.set(name, (combined.byCommand.get(name) ?? 0) + n);
  }
  return [
    callsFigure(
      'dynamoCalls.accountPinIvr',
      `DynamoDB calls/request, account-pin IVR (${IVR_CALLS_PER_SCRIPT} calls x 3 steps)`,
      accountPin,
    ),
    callsFigure(
      'dynamoCalls.salesMenuIvr',
      `DynamoDB calls/request, sales-support menu (${IVR_CALLS_PER_SCRIPT} calls x 2 steps)`,
      salesMenu,
    ),
    callsFigure('dynamoCalls.timeOfDay', `DynamoDB calls/request, ${TIME_OF_DAY_CALLS} time-of-day calls (main-number)`, timeOfDay),
    callsFigure('dynamoCalls.combined', 'DynamoDB calls/request, all scenarios combined', combined),
  ];
}

async function runScenario(
  endpoint: string,
  tableName: string,
  warmRoute: string,
  drive: (bench: PivotBench) => Promise<number>,
): Promise<Tally> {
  const bench = createPivotBench(endpoint, tableName);
  await bench.invoke(entryEvent(warmRoute, `warm-up-${Date.now()}`));
  const counter = countCommands(bench.client);
  const requests = await drive(bench);
  bench.client.destroy();
  assertNoScanOrQuery(counter);
  return { requests, calls: counter.total(), byCommand: new Map(counter.counts) };
}

async function runScripts(bench: PivotBench, script: CallScript): Promise<number> {
  let requests = 0;
  for (let i = 0; i < IVR_CALLS_PER_SCRIPT; i++)
    requests += await script.run(bench.invoke, `${script.name.split(' ')[0]}-${i}-${Date.now()}`);
  return requests;
}

function assertNoScanOrQuery(counter: CommandCounter): void {
  const found = FORBIDDEN.filter((name) => counter.counts.has(name));
  if (found.length > 0) throw new Error(`a Pivot request issued ${found.join(' and ')}: live calls must only read and write by key`);
}

function callsFigure(id: string, label: string, tally: Tally): Figure {
  const breakdown = [...tally.byCommand].map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`).join(', ');
  return figure({
    id,
    label,
    value: tally.calls / tally.requests,
    unit: 'calls/req',
    baseline: ONE_CALL_PER_REQUEST,
    goal: { op: '<=', ratio: 1 },
    note: `${tally.calls} call(s) over ${tally.requests} requests (${breakdown || 'none'}), route cache warm; no Scan, no Query`,
  });
}

type Invoke = (event: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** One scripted call: the requests Kazoo would make, in order; returns how many it made. */
type CallScript = { name: string; run: (invoke: Invoke, callId: string) => Promise<number> };

/** The answer's body, once it is checked to start with `module`. */
async function expectModule(invoke: Invoke, event: unknown, module: string, what: string): Promise<string | undefined> {
  const answer = await invoke(event);
  const node = answer.statusCode === 200 ? (JSON.parse(answer.body ?? '{}') as { module?: string }) : undefined;
  if (node?.module !== module) throw new Error(`${what}: expected a ${module} node, got ${answer.statusCode} ${answer.body}`);
  return answer.body;
}

/** account-pin: entry, account number, PIN → routed to billing (3 requests). */
const accountPinCall: CallScript = {
  name: 'account-pin 3-step IVR',
  run: async (invoke, callId) => {
    // Each follow-up requests the voice_url the previous answer gave, as Kazoo does.
    const entry = await expectModule(invoke, entryEvent('account-pin', callId), 'tts', 'account-pin entry');
    const account = await expectModule(
      invoke,
      followUpFromAnswer('account-pin', callId, entry, { account: '12345' }),
      'tts',
      'account step',
    );
    const pin = followUpFromAnswer('account-pin', callId, account, { account: '12345', pin: '9876' });
    await expectModule(invoke, pin, 'set_variables', 'pin step');
    return 3;
  },
};

/** sales-support: greeting menu, press 1 → the sales ring group (2 requests). */
const salesMenuCall: CallScript = {
  name: 'sales-support menu',
  run: async (invoke, callId) => {
    const entry = await expectModule(invoke, entryEvent('sales-support', callId), 'tts', 'sales-support entry');
    await expectModule(invoke, followUpFromAnswer('sales-support', callId, entry, { menu: '1' }), 'ring_group', 'menu choice');
    return 2;
  },
};

type CommandCounter = {
  /** Calls per command name since the last reset. */
  readonly counts: Map<string, number>;
  total(): number;
  reset(): void;
};

/**
 * Counts every `send` on the client by command name, through a middleware at the
 * `initialize` step: one count per call the code makes, SDK retries not included
 * (a retry is the SDK's doing, not a call the design asked for).
 */
function countCommands(client: DynamoDBClient): CommandCounter {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return {
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  };
}
