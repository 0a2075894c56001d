import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createDynamoClient } from '../adapters/dynamodb/createDynamoClient';
import { callKey } from '../adapters/dynamodb/pivotTableKeys';
import { benchToken, createPivotBench, entryEvent, followUpFromAnswer, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

const BATCH = 50;
const ROUNDS = 16;
const WARM_UP_PASSES = 4;
const TIME_LIMIT_MS = 40_000;

/**
 * CPU per warm request (process.cpuUsage, user + system, over batches of 50)
 * through the real handler, against a handler written by hand for the same job by
 * a careful engineer: no framework, its Intl formatter built once, the answer
 * JSON prepared once. dynalite runs in this process, so a request's store call
 * counts on both sides alike. Interleaved rounds, median per request.
 */
export async function measureWarmCpu(endpoint: string, tableName: string): Promise<Figure[]> {
  const bench = createPivotBench(endpoint, tableName);
  const bare = createDynamoClient({ endpoint, region: process.env['AWS_REGION'], budgetMs: bench.runtime.config.BUDGET_MS });
  let serial = 0;
  // Instants across a week, in and out of business hours, the same for both sides.
  const start = Date.parse('2026-11-23T00:00:00Z');
  const instantOf = (i: number) => new Date(start + ((i * 433 * 60_000) % (7 * 86_400_000)));

  const subjects: Record<string, () => Promise<number>> = {
    timeOfDay: async () => {
      const events = Array.from({ length: BATCH }, (_, i) => entryEvent('main-number', `cpu-tod-${++serial}-${i}`));
      return cpuMicrosPerRequest(async () => {
        for (const [i, event] of events.entries()) {
          bench.setNow(instantOf(serial + i));
          expect200(await bench.invoke(event), 'time-of-day');
        }
      });
    },
    handTimeOfDay: async () => {
      const events = Array.from({ length: BATCH }, (_, i) => entryEvent('main-number', `cpu-hand-${++serial}-${i}`));
      return cpuMicrosPerRequest(async () => {
        for (const [i, event] of events.entries()) expect200(await handWrittenTimeOfDay(event, instantOf(serial + i)), 'hand time-of-day');
      });
    },
    ivrFollowUp: async () => {
      // Entered and answered at one instant: the follow-up URLs are an hour from expiring.
      bench.setNow(new Date('2026-11-24T17:00:00Z'));
      const events: ReturnType<typeof followUpFromAnswer>[] = [];
      for (let i = 0; i < BATCH; i++) {
        const callId = `cpu-ivr-${++serial}`;
        const entry = await bench.invoke(entryEvent('account-pin', callId));
        events.push(followUpFromAnswer('account-pin', callId, entry.body, { account: '12345' }));
      }
      return cpuMicrosPerRequest(async () => {
        for (const event of events) expect200(await bench.invoke(event), 'IVR follow-up');
      });
    },
    handIvrFollowUp: async () => {
      const events: ReturnType<typeof followUpFromAnswer>[] = [];
      for (let i = 0; i < BATCH; i++) {
        const callId = `cpu-hand-ivr-${++serial}`;
        await bare.send(new PutItemCommand({ TableName: tableName, Item: waitingAtAccount(callId) }));
        events.push(followUpFromAnswer('account-pin', callId, ACCOUNT_PROMPT_WITH_URL, { account: '12345' }));
      }
      return cpuMicrosPerRequest(async () => {
        for (const event of events) expect200(await handWrittenFollowUp(event, bare, tableName), 'hand IVR follow-up');
      });
    },
  };

  const names = Object.keys(subjects);
  // Warm-up, untimed: JIT, sockets, the route cache.
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) for (const name of names) await subjects[name]!();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      samples[name]!.push(await subjects[name]!());
    }
  }
  bare.destroy();
  bench.client.destroy();

  const n = samples['timeOfDay']!.length;
  return [
    figure({
      id: 'warmCpu.timeOfDay',
      label: 'warm CPU per time-of-day request (main-number, cached route)',
      value: median(samples['timeOfDay']!),
      unit: 'µs',
      baseline: { label: 'hand-written handler (query, local hour, same JSON)', value: median(samples['handTimeOfDay']!), unit: 'µs' },
      goal: { op: '<=', ratio: 4 },
      note: `median of ${n} interleaved batches of ${BATCH} requests (process.cpuUsage)`,
    }),
    figure({
      id: 'warmCpu.ivrFollowUp',
      label: 'warm CPU per IVR follow-up (account-pin, account step)',
      value: median(samples['ivrFollowUp']!),
      unit: 'µs',
      baseline: {
        label: 'hand-written handler, one UpdateItem on the same dynalite',
        value: median(samples['handIvrFollowUp']!),
        unit: 'µs',
      },
      goal: { op: '<=', ratio: 1.3 },
      note: `median of ${n} interleaved batches of ${BATCH}; dynalite's CPU for the one store call is on both sides`,
    }),
  ];
}

async function cpuMicrosPerRequest(run: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / BATCH;
}

function expect200(answer: APIGatewayProxyStructuredResultV2, what: string): void {
  if (answer.statusCode !== 200) throw new Error(`${what} answered ${answer.statusCode}: ${answer.body}`);
}

// ---- the hand-written handlers -------------------------------------------------------------

const JSON_HEADERS = { 'content-type': 'application/json' };
const TOKEN = benchToken('main-number');
const OPEN = JSON.stringify({
  module: 'device',
  data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90', timeout: 20 },
  children: { _: { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } } },
});
const CLOSED = JSON.stringify({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** Kazoo's PHP sample, in TypeScript: read the query, take the local time, answer. */
async function handWrittenTimeOfDay(
  event: Pick<APIGatewayProxyEventV2, 'rawQueryString'>,
  now: Date,
): Promise<APIGatewayProxyStructuredResultV2> {
  const query = new URLSearchParams(event.rawQueryString);
  if (query.get('token') !== TOKEN || !query.get('Call-ID')) return { statusCode: 401, body: '{"error":"unauthorized"}' };
  let weekday = '';
  let minutes = 0;
  for (const part of NEW_YORK.formatToParts(now)) {
    if (part.type === 'weekday') weekday = part.value;
    else if (part.type === 'hour') minutes += Number(part.value) * 60;
    else if (part.type === 'minute') minutes += Number(part.value);
  }
  const open = weekday !== 'Sat' && weekday !== 'Sun' && minutes >= 540 && minutes <= 1020;
  return { statusCode: 200, headers: JSON_HEADERS, body: open ? OPEN : CLOSED };
}

const PIN_PROMPT = JSON.stringify({ module: 'tts', data: { text: 'Now enter your four digit PIN.' } });
/** Only its voice_url is read (followUpFromAnswer): a stand-in for the prompt the hand-written IVR would have answered. */
const ACCOUNT_PROMPT_WITH_URL = JSON.stringify({
  module: 'pivot',
  data: { voice_url: `https://example.invalid/pivot/account-pin?token=${benchToken('account-pin')}&step=account&v=1` },
});

/** One UpdateItem: the digits by path, under the version the URL names; then the next prompt. */
async function handWrittenFollowUp(
  event: Pick<APIGatewayProxyEventV2, 'rawQueryString'>,
  client: ReturnType<typeof createDynamoClient>,
  tableName: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const query = new URLSearchParams(event.rawQueryString);
  const callId = query.get('Call-ID');
  const account = query.get('Digits[account]') ?? '';
  if (query.get('token') !== benchToken('account-pin') || !callId) return { statusCode: 401, body: '{"error":"unauthorized"}' };
  if (!/^\d{5}$/.test(account)) return { statusCode: 200, headers: JSON_HEADERS, body: CLOSED };
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: callKey({ routeId: 'account-pin', callId }),
      UpdateExpression: 'SET digits.account = :account, step = :pin, version = version + :one',
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: {
        ':account': { S: account },
        ':pin': { S: 'pin' },
        ':one': { N: '1' },
        ':expected': { N: query.get('v') ?? '0' },
      },
    }),
  );
  return { statusCode: 200, headers: JSON_HEADERS, body: PIN_PROMPT };
}

function waitingAtAccount(callId: string) {
  return {
    ...callKey({ routeId: 'account-pin', callId }),
    callId: { S: callId },
    routeId: { S: 'account-pin' },
    step: { S: 'account' },
    attempts: { N: '1' },
    digits: { M: {} },
    vars: { M: {} },
    path: { L: [{ S: 'account' }] },
    version: { N: '1' },
    updatedAt: { N: String(Date.now()) },
    expiresAt: { N: String(Math.floor(Date.now() / 1000) + 86_400) },
  };
}
