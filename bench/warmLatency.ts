import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { callKey, createDynamoClient, routeKey } from '../adapters/dynamodb';
import { createPivotBench, entryEvent, followUpFromAnswer, percentile, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

const REQUESTS_PER_SUBJECT = 2_000;
const BATCH = 50;
const TIME_LIMIT_MS = 60_000;
const GOAL = { op: '<=', ratio: 1.3 } as const;

type Subject = 'getItem' | 'timeOfDay' | 'ivrFollowUp' | 'stateFloor';

/**
 * Warm latency of the whole pivot handler against one bare GetItem on the same
 * dynalite, sequential requests (a Lambda container serves one at a time).
 * Subjects run in interleaved batches, the order rotating each round, so a burst
 * of noise from a neighbour lands on all three alike.
 */
export async function measureWarmLatency(endpoint: string, tableName: string): Promise<Figure[]> {
  const bench = createPivotBench(endpoint, tableName);
  // The bare read uses the same client settings as the handler (createDynamoClient, same budget).
  const bare = createDynamoClient({ endpoint, region: process.env['AWS_REGION'], budgetMs: bench.runtime.config.BUDGET_MS });
  const readRoute = new GetItemCommand({ TableName: tableName, Key: routeKey('main-number') });
  const todEvent = entryEvent('main-number', 'warm-tod');
  let callSerial = 0;

  const samples: Record<Subject, number[]> = { getItem: [], timeOfDay: [], ivrFollowUp: [], stateFloor: [] };
  const runBatch: Record<Subject, () => Promise<void>> = {
    getItem: async () => {
      for (let i = 0; i < BATCH; i++) {
        const t0 = performance.now();
        await bare.send(readRoute);
        samples.getItem.push(performance.now() - t0);
      }
    },
    timeOfDay: async () => {
      for (let i = 0; i < BATCH; i++) {
        // A fresh event each time, as Lambda hands over: middy's body parser rewrites the one it gets.
        const event = structuredClone(todEvent);
        const t0 = performance.now();
        const answer = await bench.invoke(event);
        samples.timeOfDay.push(performance.now() - t0);
        expectStatus(answer.statusCode, 'time-of-day');
      }
    },
    ivrFollowUp: async () => {
      // Untimed: each call enters the IVR first, so every timed follow-up finds a real
      // stored state and requests the voice_url its prompt gave (one conditional PutItem).
      const events = [];
      for (let i = 0; i < BATCH; i++) {
        const callId = `warm-ivr-${++callSerial}`;
        const entry = await bench.invoke(entryEvent('account-pin', callId));
        expectStatus(entry.statusCode, 'IVR entry');
        events.push(followUpFromAnswer('account-pin', callId, entry.body, { account: '12345' }));
      }
      for (const event of events) {
        const t0 = performance.now();
        const answer = await bench.invoke(event);
        samples.ivrFollowUp.push(performance.now() - t0);
        expectStatus(answer.statusCode, 'IVR follow-up');
      }
    },
    stateFloor: async () => {
      // What the design asks of the store for one follow-up, bare: one PutItem
      // conditional on the version the follow-up URL carries, no pipeline.
      const keys = Array.from({ length: BATCH }, () => callKey({ routeId: 'account-pin', callId: `warm-floor-${++callSerial}` }));
      for (const key of keys) await bare.send(new PutItemCommand({ TableName: tableName, Item: floorItem(key, 1) }));
      for (const key of keys) {
        const t0 = performance.now();
        await bare.send(
          new PutItemCommand({
            TableName: tableName,
            Item: floorItem(key, 2),
            ConditionExpression: '#version = :expected AND (attribute_not_exists(#ended) OR #ended = :false) AND #expires > :now',
            ExpressionAttributeNames: { '#version': 'version', '#ended': 'ended', '#expires': 'expiresAt' },
            ExpressionAttributeValues: {
              ':expected': { N: '1' },
              ':false': { BOOL: false },
              ':now': { N: String(Math.floor(Date.now() / 1000)) },
            },
          }),
        );
        samples.stateFloor.push(performance.now() - t0);
      }
    },
  };

  // Warm-up, untimed: JIT, keep-alive sockets, the route cache.
  for (const subject of Object.keys(runBatch) as Subject[]) await runBatch[subject]();
  for (const list of Object.values(samples)) list.length = 0;

  const box = timeBox(TIME_LIMIT_MS);
  const order: Subject[] = ['getItem', 'timeOfDay', 'ivrFollowUp', 'stateFloor'];
  for (let round = 0; round * BATCH < REQUESTS_PER_SUBJECT && !box.expired(); round++) {
    for (let k = 0; k < order.length; k++) await runBatch[order[(round + k) % order.length]!]();
  }
  bare.destroy();
  bench.client.destroy();

  const n = samples.getItem.length;
  const figures: Figure[] = [];
  for (const [subject, label] of [
    ['timeOfDay', 'time-of-day request (no state, cached route)'],
    ['ivrFollowUp', 'IVR follow-up (one conditional write)'],
  ] as const) {
    for (const p of [50, 99]) {
      figures.push(
        figure({
          id: `warmLatency.${subject}.p${p}`,
          label: `warm latency p${p}, ${label}`,
          value: percentile(samples[subject], p),
          unit: 'ms',
          baseline: { label: `bare GetItem p${p}`, value: percentile(samples.getItem, p), unit: 'ms' },
          goal: GOAL,
          note: `${samples[subject].length} requests vs ${n} GetItems, interleaved in batches of ${BATCH}`,
        }),
      );
    }
  }
  // Not a goal of the issue: separates the pipeline's own cost from the one store call the design makes.
  figures.push(
    figure({
      id: 'warmLatency.ivrFollowUp.p50VsStoreFloor',
      label: 'warm latency p50, IVR follow-up vs its store calls alone',
      value: percentile(samples.ivrFollowUp, 50),
      unit: 'ms',
      baseline: { label: 'bare conditional PutItem p50', value: percentile(samples.stateFloor, 50), unit: 'ms' },
      goal: null,
      note: `${samples.stateFloor.length} bare conditional writes of call-state-shaped items, same rounds`,
    }),
  );
  return figures;
}

/** An item the size and shape of a call state waiting at the account step. */
function floorItem(key: ReturnType<typeof callKey>, version: number) {
  return {
    ...key,
    callId: { S: 'warm-floor' },
    routeId: { S: 'account-pin' },
    step: { S: 'pin' },
    attempts: { N: '1' },
    digits: { M: { account: { S: '12345' } } },
    vars: { M: {} },
    path: { L: [{ S: 'account' }, { S: 'pin' }] },
    outcome: { S: 'option:account.1' },
    version: { N: String(version) },
    updatedAt: { N: String(Date.now()) },
    expiresAt: { N: String(Math.floor(Date.now() / 1000) + 86_400) },
  };
}

function expectStatus(status: number | undefined, what: string): void {
  if (status !== 200) throw new Error(`${what} answered ${status}, expected 200: the benchmark would time an error path`);
}
