import { afterEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../adapters/dynamodb';
import { playCall } from '../../local/simulator/playCall';
import type { AnswerEvent, RequestEvent, Transcript } from '../../local/simulator/transcript';
import { LOCAL_TABLE, type LocalServer, startLocalServer } from '../../local/startLocalServer';
import { failoverCall } from '../fixtures/simulatedCalls';

// Two `npm start` servers stand in for two regions. Sharing one dynalite table they are
// two regions on a global table whose replication has caught up; each on its own table,
// they are two regions where the first region's last writes never arrived.
const started: LocalServer[] = [];

afterEach(async () => {
  // A server the test already stopped closes again harmlessly.
  await Promise.allSettled(started.splice(0).map((server) => server.close()));
});

async function twoRegions(shareTable: boolean): Promise<[LocalServer, LocalServer]> {
  const second = await startLocalServer({ port: 0, dynamoPort: 0 });
  started.push(second);
  const first = await startLocalServer({ port: 0, dynamoPort: 0, ...(shareTable && { dynamoEndpoint: second.dynamoEndpoint }) });
  started.push(first);
  return [first, second];
}

const requestsTo = (t: Transcript, server: LocalServer) =>
  t.events.filter((e): e is RequestEvent => e.type === 'request' && e.url.startsWith(`${server.url}/`));
const answers = (t: Transcript) => t.events.filter((e): e is AnswerEvent => e.type === 'answer');
const spoken = (t: Transcript) => t.events.flatMap((e) => (e.type === 'action' && e.module === 'tts' ? [String(e.data['text'])] : []));

/** Every pivot voice_url in an answer, outermost first: a step's own, then its failover. */
function voiceUrlsOf(node: unknown): string[] {
  return [...JSON.stringify(node).matchAll(/"voice_url":"([^"]+)"/g)].map((m) => m[1]!);
}
function textsOf(node: unknown): string[] {
  return [...JSON.stringify(node).matchAll(/"text":"([^"]+)"/g)].map((m) => m[1]!);
}

/** Stops the first region just before request `n`: the caller is mid-IVR. */
const stopBefore = (n: number, server: LocalServer) => async (request: number) => {
  if (request === n) await server.close();
};

describe('a call crossing regions mid-IVR (two local servers, one table)', () => {
  it('finishes on the second server with the digits collected on the first', async () => {
    // Prepare
    const [first, second] = await twoRegions(true);

    // Act
    const transcript = await playCall(failoverCall(first.url, second, { beforeRequest: stopBefore(2, first) }));

    // Assess
    expect(transcript.failed).toBe(false);
    expect(transcript.failovers).toBe(1);
    expect(transcript.ending).toBe('answered');
    expect(requestsTo(transcript, first)).toHaveLength(2);
    expect(requestsTo(transcript, second)).toHaveLength(2);
    expect(answers(transcript)[1]!.kazoo).toContain('(failover)');
    // The account number pressed while the first server answered opened the PIN check on the second.
    expect(spoken(transcript)).toEqual([
      'Please enter your five digit account number.',
      'Now enter your four digit PIN.',
      'Thank you. Connecting you to billing.',
    ]);
    expect(transcript.vars).toEqual({ account: '12345', verified: 'yes' });
    const client = createDynamoClient({ endpoint: second.dynamoEndpoint, region: 'us-east-1', budgetMs: 5000 });
    try {
      const item = await client.send(
        new GetItemCommand({ TableName: LOCAL_TABLE, Key: { pk: { S: `CALL#account-pin#${transcript.callId}` } }, ConsistentRead: true }),
      );
      expect(item.Item?.['digits']?.M).toEqual({ account: { S: '12345' }, pin: { S: '9876' } });
    } finally {
      client.destroy();
    }
  });

  it('fails over at once on Kazoo 4.3 and after ~10 s of silence on master', async () => {
    // Prepare
    const [first, second] = await twoRegions(true);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };

    // Act
    const on43 = await playCall(failoverCall(first.url, second, { sleep, beforeRequest: stopBefore(2, first) }));
    const onMaster = await playCall(failoverCall(first.url, second, { sleep, kazooVersion: 'master' }));

    // Assess
    expect(on43.silenceMs).toBe(0);
    expect(onMaster.silenceMs).toBe(10_000);
    expect(waits).toEqual([10_000]);
    expect(onMaster.failovers).toBe(1);
    expect(onMaster.failed).toBe(false);
    expect(onMaster.vars).toEqual({ account: '12345', verified: 'yes' });
    expect(answers(onMaster)[0]!.kazoo).toContain('after 10 s of silence (Kazoo master)');
  });
});

describe('a follow-up whose call state has not reached the second region (two servers, two tables)', () => {
  it('Kazoo format: judged on the collections Kazoo sends with every request, so the call goes on', async () => {
    // Prepare
    const [first, second] = await twoRegions(false);

    // Act
    const transcript = await playCall(failoverCall(first.url, second, { beforeRequest: stopBefore(2, first) }));

    // Assess
    expect(transcript.failed).toBe(false);
    expect(spoken(transcript)).toEqual([
      'Please enter your five digit account number.',
      'Now enter your four digit PIN.',
      'Thank you. Connecting you to billing.',
    ]);
  });

  it('Digits as a plain string (no collections to judge by): judged on the state sealed in the follow-up URL', async () => {
    // Prepare: the first server answers the entry; its table is the only one holding the call.
    const [first, second] = await twoRegions(false);
    const callId = 'twiml-style-call';
    const entry = await fetch(
      `${first.url}/pivot/account-pin?token=${first.tokenFor('account-pin')}&failover=${encodeURIComponent(`${second.url}/pivot/account-pin`)}&CallSid=${callId}`,
    );
    const [, accountFailover] = voiceUrlsOf(await entry.json());
    await first.close();

    // Act: the account step's follow-up through the failover, on a table that never saw the call.
    const account = await fetch(`${accountFailover}&CallSid=${callId}&Digits=12345`);
    const accountBody = await account.json();
    const pin = await fetch(`${voiceUrlsOf(accountBody)[0]}&CallSid=${callId}&Digits=9876`);

    // Assess
    expect(accountFailover).toContain(`${second.url}/pivot/account-pin?`);
    expect(accountFailover).toContain('&hop=1');
    expect(account.status).toBe(200);
    expect(textsOf(accountBody)).toEqual(['Now enter your four digit PIN.']);
    expect(textsOf(await pin.json())).toEqual(['Thank you. Connecting you to billing.']);
  });
});
