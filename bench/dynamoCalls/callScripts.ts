import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { entryEvent, followUpEvent } from '../support/pivotEvents';

type Invoke = (event: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** One scripted call: the requests Kazoo would make, in order; returns how many it made. */
export type CallScript = { name: string; run: (invoke: Invoke, callId: string) => Promise<number> };

async function expectModule(invoke: Invoke, event: unknown, module: string, what: string): Promise<void> {
  const answer = await invoke(event);
  const node = answer.statusCode === 200 ? (JSON.parse(answer.body ?? '{}') as { module?: string }) : undefined;
  if (node?.module !== module) throw new Error(`${what}: expected a ${module} node, got ${answer.statusCode} ${answer.body}`);
}

/** account-pin: entry, account number, PIN → routed to billing (3 requests). */
export const accountPinCall: CallScript = {
  name: 'account-pin 3-step IVR',
  run: async (invoke, callId) => {
    await expectModule(invoke, entryEvent('account-pin', callId), 'tts', 'account-pin entry');
    await expectModule(invoke, followUpEvent('account-pin', callId, 'account', { account: '12345' }), 'tts', 'account step');
    await expectModule(invoke, followUpEvent('account-pin', callId, 'pin', { account: '12345', pin: '9876' }), 'set_variables', 'pin step');
    return 3;
  },
};

/** sales-support: greeting menu, press 1 → the sales ring group (2 requests). */
export const salesMenuCall: CallScript = {
  name: 'sales-support menu',
  run: async (invoke, callId) => {
    await expectModule(invoke, entryEvent('sales-support', callId), 'tts', 'sales-support entry');
    await expectModule(invoke, followUpEvent('sales-support', callId, 'menu', { menu: '1' }), 'ring_group', 'menu choice');
    return 2;
  },
};
