import { describe, expect, it } from '@jest/globals';
import type { CallflowNode } from '../../../lib/callflow/callflowNode';
import type { CallState } from '../../../lib/calls/callState';
import { freshestState } from '../../../lib/rules/crossRegionFollowUp';
import { decideEntry, decideFollowUp } from '../../../lib/rules/decideAnswer';
import { describeOutcome } from '../../../lib/rules/outcome';
import { exampleRoute } from '../../fixtures/exampleRoutes';
import { CALL_ID } from '../../fixtures/kazooCalls';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { followUpQueryFor, testPivotBack, tokenQuery } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

const NOW = new Date('2026-11-25T17:00:00Z');
const ROUTE = exampleRoute('account-pin.json');
const REGION_1 = 'https://one.execute-api.eu-west-1.amazonaws.com/pivot/account-pin';
const REGION_2 = 'https://two.execute-api.eu-central-1.amazonaws.com/pivot/account-pin';

/** A follow-up for `step` as it reaches a region: its signed query, plus what Kazoo appends. */
function followUp(step: string, params: Record<string, unknown>, extraQuery = '') {
  const voiceUrlQuery = `${followUpQueryFor('account-pin', CALL_ID, step)}${extraQuery}`;
  return kazooRequest(params as never, { route: 'account-pin', voiceUrlQuery });
}

function decide(request: ReturnType<typeof kazooRequest>, state: CallState | undefined, routeUrl = REGION_2) {
  const decision = decideFollowUp({ route: ROUTE, request, now: NOW, pivotBack: testPivotBack(request, routeUrl, ROUTE.id) }, state);
  expectKazooValid(decision.node);
  return decision;
}

function stateAt(step: string, digits: Record<string, string> = {}): CallState {
  return {
    callId: CALL_ID,
    routeId: 'account-pin',
    step,
    attempts: 1,
    digits,
    vars: {},
    path: [step],
    version: 1,
    updatedAt: 0,
    expiresAt: 0,
  };
}

const texts = (node: CallflowNode | undefined) => [...JSON.stringify(node).matchAll(/"text":"([^"]+)"/g)].map((m) => m[1]);

describe('a follow-up reaching a region before the call state it was issued from', () => {
  it("Kazoo's collections object: judged as usual (every earlier step's digits come with the request)", () => {
    // Prepare: the PIN step's follow-up; the state that says "awaiting pin" is still in the first region.
    const request = followUp('pin', { Digits: { account: '12345', pin: '9876' } });

    // Act
    const decision = decide(request, undefined);

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('option:pin.1');
    expect(texts(decision.node)).toContain('Thank you. Connecting you to billing.');
  });

  it('a plain Digits string that crossed regions: the step is asked again from its first attempt, without judging', () => {
    // Prepare
    const request = followUp('pin', { Digits: '9876' }, '&hop=1');

    // Act
    const absent = decide(request, undefined);
    const behind = decide(request, stateAt('account', { account: '12345' }));

    // Assess
    for (const decision of [absent, behind]) {
      expect(describeOutcome(decision.outcome)).toBe('retry:pin:state-not-arrived');
      expect(decision.awaiting).toEqual({ step: 'pin', attempts: 1 });
      expect(decision.collected).toBeUndefined();
      expect(texts(decision.node)).toEqual(['Now enter your four digit PIN.']);
    }
  });

  it('a plain Digits string in its own region (no hop, e.g. a TwiML Gather that wrote no state): judged, not asked again', () => {
    // Act
    const decision = decide(followUp('pin', { Digits: '9876' }), undefined);

    // Assess
    expect(describeOutcome(decision.outcome)).not.toBe('retry:pin:state-not-arrived');
    expect(decision.collected).toEqual({ collection: 'pin', value: '9876' });
  });

  it('a plain Digits string once the state is at the step: judged with the digits the state holds', () => {
    // Act
    const decision = decide(followUp('pin', { Digits: '9876' }), stateAt('pin', { account: '12345' }));

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('option:pin.1');
  });
});

describe('an IVR step answered in a chain of regions', () => {
  it("pivots back to its own region, then through _ to the next region's follow-up (one more hop), then the fallback", () => {
    // Prepare: the entry request names the next region as its failover.
    const request = kazooRequest(
      {},
      { route: 'account-pin', voiceUrlQuery: `${tokenQuery('account-pin')}&failover=${encodeURIComponent(REGION_2)}` },
    );

    // Act
    const decision = decideEntry({ route: ROUTE, request, now: NOW, pivotBack: testPivotBack(request, REGION_1, ROUTE.id) });

    // Assess
    expectKazooValid(decision.node);
    const own = decision.node!.children!['_']!.children!['_']!;
    const failover = own.children!['_']!;
    const signed = followUpQueryFor('account-pin', CALL_ID, 'account');
    expect(own.data['voice_url']).toBe(`${REGION_1}?${signed}`);
    expect(failover).toMatchObject({
      module: 'pivot',
      data: { voice_url: `${REGION_2}?${signed}&hop=1`, method: 'get', req_format: 'kazoo' },
    });
    expect(failover.children!['_']).toEqual(ROUTE.fallback);
  });

  it('without a failover in its voice_url (the last region, or a single region): the fallback right under the pivot', () => {
    // Prepare
    const request = followUp('account', { Digits: { account: '12' } }, '&hop=1');

    // Act
    const decision = decide(request, stateAt('account'));

    // Assess
    const pivot = decision.node!.children!['_']!.children!['_']!.children!['_']!;
    expect(pivot.module).toBe('pivot');
    expect(pivot.children!['_']).toEqual(ROUTE.fallback);
  });
});

describe('the state a follow-up is judged on when its one write found another version', () => {
  const sealed = { ...stateAt('pin', { account: '12345' }), version: 3 };

  it("is the URL's sealed state when this region has none or an older one (the write has not replicated)", () => {
    // Assess
    expect(freshestState(undefined, sealed)).toBe(sealed);
    expect(freshestState({ ...stateAt('account'), version: 2 }, sealed)).toBe(sealed);
  });

  it('is the stored state when it is as new or newer (a replay or a racing answer in this region)', () => {
    // Prepare
    const stored = { ...stateAt('pin', { account: '12345', pin: '1111' }), version: 4 };

    // Assess
    expect(freshestState(stored, sealed)).toBe(stored);
    expect(freshestState(stored, undefined)).toBe(stored);
  });
});
