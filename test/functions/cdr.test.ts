import { beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCdrHandler } from '../../functions/cdr';
import { createPivotHandler } from '../../functions/pivot';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { TEST_TOKEN, lambdaContext, pivotTestRuntime } from '../fixtures/pivotTestRuntime';

let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;

beforeAll(async () => {
  setup = await pivotTestRuntime();
});

function cdrEvent(callId: string, voiceUrlQuery = `token=${TEST_TOKEN}`) {
  // Kazoo POSTs the CDR as a form (kz_http_util:json_to_querystring of the channel-destroy event).
  const params = {
    'Call-ID': callId,
    'Account-ID': kazooParams()['Account-ID'],
    'Hangup-Cause': 'NORMAL_CLEARING',
    'Duration-Seconds': '42',
  };
  return pivotEventV2({ as: 'form', params, route: 'account-pin', voiceUrlQuery, path: '/pivot/account-pin/cdr' });
}

describe('cdr handler', () => {
  it('ends the call state of an IVR in progress and logs a one-line summary without digits', async () => {
    // Prepare: a call that is waiting in the account step
    const pivot = createPivotHandler(() => setup.runtime, setup.telemetry);
    await pivot(
      pivotEventV2({
        as: 'get',
        route: 'account-pin',
        params: kazooParams({ 'Call-ID': 'cdr-call-1', Digits: { account: '12345' } }),
        voiceUrlQuery: `token=${TEST_TOKEN}`,
      }),
      lambdaContext(),
    );
    const cdr = createCdrHandler(() => setup.runtime, setup.telemetry);
    const before = setup.telemetry.lines.length;

    // Act
    const result = (await cdr(cdrEvent('cdr-call-1'), lambdaContext())) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ status: 'ended', callId: 'cdr-call-1' });
    expect(await setup.runtime.callStates.get('cdr-call-1')).toBeUndefined();
    const summary = setup.telemetry.lines.slice(before).find((l) => l['message'] === 'call ended')!;
    expect(summary).toMatchObject({
      callId: 'cdr-call-1',
      route: 'account-pin',
      steps: ['account'],
      hangupCause: 'NORMAL_CLEARING',
      durationSeconds: '42',
    });
    expect(JSON.stringify(summary)).not.toContain('12345');
  });

  it('answers a call it never saw without error', async () => {
    // Act
    const result = (await createCdrHandler(() => setup.runtime, setup.telemetry)(
      cdrEvent('never-seen'),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toMatchObject({ status: 'no-state' });
  });

  it('refuses a wrong token before touching the call state', async () => {
    // Act
    const result = (await createCdrHandler(() => setup.runtime, setup.telemetry)(
      cdrEvent('cdr-call-1', 'token=wrong'),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body!)).toMatchObject({ error: 'forbidden' });
  });
});
