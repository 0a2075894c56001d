import { describe, expect, it } from '@jest/globals';
import { emptyCallState } from '../../../lib/calls/callState';
import { AuthError } from '../../../lib/errors';
import { endCall, type EndCallDeps } from '../../../lib/pivot/endCall';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import { InMemoryCallStateStore } from '../../fixtures/inMemoryStores';
import { ACCOUNT_ID } from '../../fixtures/kazooCalls';
import { kazooRequest } from '../../fixtures/pivotRequests';

const TOKEN = 't0ken';

function endCallUseCase() {
  const callStates = new InMemoryCallStateStore();
  const deps: EndCallDeps = { callStates, expectedToken: async () => TOKEN, budgetMs: 2_500 };
  return { callStates, end: (request: PivotRequest) => endCall(deps, request) };
}

/** Kazoo's cdr_url POST (a form of the channel-destroy event) for one call. */
function cdrRequest(callId: string, voiceUrlQuery = `token=${TOKEN}`): PivotRequest {
  const params = { 'Call-ID': callId, 'Account-ID': ACCOUNT_ID, 'Hangup-Cause': 'NORMAL_CLEARING', 'Duration-Seconds': '42' };
  return kazooRequest(params, { as: 'form', route: 'account-pin', voiceUrlQuery, path: '/pivot/account-pin/cdr' });
}

describe('endCall', () => {
  it('ends an IVR in progress and sums it up without a single digit typed', async () => {
    // Prepare: a call waiting in the pin step after giving its account
    const { callStates, end } = endCallUseCase();
    await callStates.update('cdr-call', () => ({
      ...emptyCallState('cdr-call', 'account-pin'),
      step: 'pin',
      attempts: 1,
      path: ['account', 'pin'],
      digits: { account: '12345' },
      outcome: 'step:pin',
    }));

    // Act
    const { answer, summary } = await end(cdrRequest('cdr-call'));

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ended', callId: 'cdr-call' });
    expect(summary).toEqual({
      callId: 'cdr-call',
      route: 'account-pin',
      steps: ['account', 'pin'],
      outcome: 'step:pin',
      digitCollections: 1,
      hangupCause: 'NORMAL_CLEARING',
      durationSeconds: '42',
    });
    expect(JSON.stringify(summary)).not.toContain('12345');
    expect(await callStates.get('cdr-call')).toBeUndefined();
  });

  it('answers a call it never saw without error', async () => {
    // Prepare
    const { end } = endCallUseCase();

    // Act
    const { answer, summary } = await end(cdrRequest('never-seen'));

    // Assess
    expect(JSON.parse(answer.body)).toEqual({ status: 'no-state', callId: 'never-seen' });
    expect(summary).toMatchObject({ callId: 'never-seen', route: 'account-pin', steps: [], digitCollections: 0 });
  });

  it('refuses a wrong token and leaves the call running', async () => {
    // Prepare
    const { callStates, end } = endCallUseCase();
    await callStates.update('live-call', () => ({ ...emptyCallState('live-call', 'account-pin'), step: 'account' }));

    // Act
    const outcome = end(cdrRequest('live-call', 'token=wrong'));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(AuthError);
    expect(await callStates.get('live-call')).toMatchObject({ step: 'account' });
  });
});
