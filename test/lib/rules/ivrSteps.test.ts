import { describe, expect, it } from '@jest/globals';
import type { CallflowNode } from '../../../lib/callflow/callflowNode';
import { decideEntry, decideFollowUp, type Decision } from '../../../lib/rules/decideAnswer';
import { nextCallState } from '../../../lib/rules/nextCallState';
import { describeOutcome } from '../../../lib/rules/outcome';
import type { Route } from '../../../lib/routes/routeSchema';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import type { CallState } from '../../../lib/calls/callState';
import { exampleRoute } from '../../fixtures/exampleRoutes';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { CALL_ID } from '../../fixtures/kazooCalls';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { followUpQueryFor, testPivotBack } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

const NOW = new Date('2026-11-25T17:00:00Z');
const ROUTE_URL = 'https://abc.execute-api.us-east-1.amazonaws.com/pivot/account-pin';

/** Plays a call through the pure engine, keeping state as the store would. */
class CallPlayer {
  state: CallState | undefined;
  constructor(private readonly route: Route) {}

  private decideWith(request: PivotRequest): Decision {
    const inputs = { route: this.route, request, now: NOW, pivotBack: testPivotBack(request, ROUTE_URL, this.route.id) };
    const decision = request.step === undefined ? decideEntry(inputs) : decideFollowUp(inputs, this.state);
    if (decision.awaiting || request.step !== undefined) {
      const data = nextCallState(this.state, request, this.route.id, decision);
      this.state = { ...data, version: (this.state?.version ?? 0) + 1, updatedAt: 0, expiresAt: 0 };
    }
    expectKazooValid(decision.node);
    return decision;
  }

  enter(): Decision {
    return this.decideWith(kazooRequest());
  }

  /** Follows the pivot node of the last answer with these digits, as Kazoo would. */
  press(after: Decision, collections: KazooParams, options: { as?: 'get' | 'form' | 'json' } = {}): Decision {
    const pivot = findModule(after.node!, 'pivot')!;
    const query = new URL(pivot.data['voice_url'] as string).search.slice(1);
    return this.decideWith(kazooRequest({ Digits: collections }, { voiceUrlQuery: query, as: options.as ?? 'get' }));
  }
}

function findModule(node: CallflowNode, module: string): CallflowNode | undefined {
  if (node.module === module) return node;
  for (const child of Object.values(node.children ?? {})) {
    const found = findModule(child, module);
    if (found) return found;
  }
  return undefined;
}

function modules(node: CallflowNode | undefined): string[] {
  const out: string[] = [];
  for (let n = node; n; n = n.children?.['_']) out.push(n.module);
  return out;
}

describe('a step prompt', () => {
  it('is prompt → collect_dtmf → pivot back with the token and the step signed for this call, the fallback under the pivot', () => {
    // Act
    const decision = new CallPlayer(exampleRoute('account-pin.json')).enter();

    // Assess
    expect(modules(decision.node)).toEqual(['tts', 'collect_dtmf', 'pivot', 'voicemail']);
    expect(findModule(decision.node!, 'collect_dtmf')!.data).toEqual({
      collection_name: 'account',
      max_digits: 5,
      timeout: 8000,
      terminator: '#',
      interdigit_timeout: 3000,
    });
    expect(findModule(decision.node!, 'pivot')!.data).toEqual({
      voice_url: `${ROUTE_URL}?${followUpQueryFor('account-pin', CALL_ID, 'account')}`,
      method: 'get',
      req_format: 'kazoo',
    });
    expect(decision.awaiting).toEqual({ step: 'account', attempts: 1 });
  });

  it('pivots back with the method and body format the request used', () => {
    // Prepare
    const request = kazooRequest({}, { as: 'json' });

    // Act
    const decision = decideEntry({
      route: exampleRoute('account-pin.json'),
      request,
      now: NOW,
      pivotBack: testPivotBack(request, ROUTE_URL),
    });

    // Assess
    expect(findModule(decision.node!, 'pivot')!.data).toMatchObject({ method: 'post', req_format: 'kazoo', req_body_format: 'json' });
  });
});

describe('the account number + PIN flow', () => {
  it('routes a caller with a valid account and PIN, carrying the account on', () => {
    // Prepare
    const call = new CallPlayer(exampleRoute('account-pin.json'));

    // Act
    const askPin = call.press(call.enter(), { account: '12345' });
    const routed = call.press(askPin, { account: '12345', pin: '9876' });

    // Assess
    expect(describeOutcome(askPin.outcome)).toBe('option:account.1');
    expect(askPin.awaiting).toEqual({ step: 'pin', attempts: 1 });
    expect(describeOutcome(routed.outcome)).toBe('option:pin.1');
    expect(routed.node!.module).toBe('set_variables');
    expect(routed.node!.data).toEqual({ custom_application_vars: { account: '12345', verified: 'yes' } });
    expect(call.state).toMatchObject({ digits: { account: '12345', pin: '9876' }, path: ['account', 'pin'], step: undefined });
  });

  it('remembers the account even when the PIN request carries only the latest collection', () => {
    // Prepare
    const call = new CallPlayer(exampleRoute('account-pin.json'));
    const askPin = call.press(call.enter(), { account: '24680' });

    // Act
    const routed = call.press(askPin, { pin: '9876' });

    // Assess
    expect(describeOutcome(routed.outcome)).toBe('option:pin.1');
    expect(routed.node!.data).toEqual({ custom_application_vars: { account: '24680', verified: 'yes' } });
  });

  it('re-prompts a wrong PIN with the invalid message, then gives up after three attempts', () => {
    // Prepare
    const call = new CallPlayer(exampleRoute('account-pin.json'));
    const askPin = call.press(call.enter(), { account: '12345' });

    // Act
    const retry1 = call.press(askPin, { account: '12345', pin: '0000' });
    const retry2 = call.press(retry1, { account: '12345', pin: '1111' });
    const failed = call.press(retry2, { account: '12345', pin: '2222' });

    // Assess
    expect(describeOutcome(retry1.outcome)).toBe('retry:pin');
    expect(retry1.awaiting).toEqual({ step: 'pin', attempts: 2 });
    expect(modules(retry1.node)).toEqual(['tts', 'tts', 'collect_dtmf', 'pivot', 'voicemail']);
    expect(retry1.node!.data['text']).toBe('That PIN does not match the account.');
    expect(retry2.awaiting).toEqual({ step: 'pin', attempts: 3 });
    expect(describeOutcome(failed.outcome)).toBe('failure:pin');
    expect(modules(failed.node)).toEqual(['tts', 'hangup']);
  });

  it('a valid PIN for another account is still refused', () => {
    // Prepare
    const call = new CallPlayer(exampleRoute('account-pin.json'));
    const askPin = call.press(call.enter(), { account: '99999' });

    // Act
    const retry = call.press(askPin, { account: '99999', pin: '9876' });

    // Assess
    expect(describeOutcome(retry.outcome)).toBe('retry:pin');
  });
});

describe('the sales / support menu', () => {
  it.each([
    ['1', 'ring_group'],
    ['2', 'user'],
  ])('pressing %s rings %s', (digit, module) => {
    // Prepare
    const call = new CallPlayer(exampleRoute('sales-support-menu.json'));

    // Act
    const routed = call.press(call.enter(), { menu: digit });

    // Assess
    expect(routed.node!.module).toBe(module);
  });

  it('plays the no-input message when nothing was pressed, and voicemail after three silences', () => {
    // Prepare
    const call = new CallPlayer(exampleRoute('sales-support-menu.json'));

    // Act
    const first = call.press(call.enter(), {});
    const second = call.press(first, {});
    const last = call.press(second, {});

    // Assess
    expect(first.node!.data['text']).toBe('We did not hear a choice.');
    expect(second.awaiting).toEqual({ step: 'menu', attempts: 3 });
    expect(describeOutcome(last.outcome)).toBe('failure:menu');
    expect(last).toMatchObject({ node: { module: 'voicemail' } });
  });

  it('falls back when the URL names a step the route no longer has', () => {
    // Prepare
    const route = exampleRoute('sales-support-menu.json');
    const request = kazooRequest({}, { voiceUrlQuery: followUpQueryFor('main', CALL_ID, 'removed') });

    // Act
    const decision = decideFollowUp({ route, request, now: NOW, pivotBack: testPivotBack(request, ROUTE_URL) }, undefined);

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('fallback:unknown-step');
    expect(decision).toMatchObject({ node: { module: 'voicemail' } });
  });
});

describe('placeholders', () => {
  it('stay plain values when the caller name carries JSON and quotes', () => {
    // Prepare
    const route = exampleRoute('vip-callers.json');
    const request = kazooRequest({ 'Caller-ID-Name': '"}],"module":"hangup' });

    // Act
    const decision = decideEntry({ route, request, now: NOW, pivotBack: testPivotBack(request, ROUTE_URL) });

    // Assess
    expect(decision.node!.module).toBe('set_cid');
    expect(decision.node!.data['caller_id_name']).toBe('VIP "}],"module":"hangup');
    expect(JSON.parse(JSON.stringify(decision.node)).children._.module).toBe('user');
  });

  it('fill capture groups from the dialed pattern', () => {
    // Prepare
    const route = exampleRoute('bridging.json');
    const request = kazooRequest({ Request: '96175550123', To: '96175550123' });

    // Act
    const decision = decideEntry({ route, request, now: NOW, pivotBack: testPivotBack(request, ROUTE_URL) });

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('rule:local-carriers');
    expect(decision).toMatchObject({ node: { module: 'resources', data: { to_did: '+16175550123', use_local_resources: true } } });
  });

  it('that make a callflow invalid send the call to the fallback instead of a broken answer', () => {
    // Prepare: a voicemail box id must be 32 characters
    const route = {
      ...exampleRoute('main-number.json'),
      rules: [{ name: 'by-var', when: {}, then: { module: 'voicemail', data: { id: '{{vars.box}}' } } }],
    };
    const request = kazooRequest({ 'Custom-Application-Vars': { box: 'not-a-32-character-id' } });

    // Act
    const decision = decideEntry({ route: route as Route, request, now: NOW, pivotBack: testPivotBack(request, ROUTE_URL) });

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('rule:by-var:invalid-after-substitution');
    expect(decision.node!.module).toBe('voicemail');
  });
});
