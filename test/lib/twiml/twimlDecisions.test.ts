import { describe, expect, it } from '@jest/globals';
import { decideEntry } from '../../../lib/rules/decideAnswer';
import { describeOutcome } from '../../../lib/rules/outcome';
import { parseRoute } from '../../../lib/routes/parseRoute';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { testPivotBack } from '../../fixtures/routeCredentials';
import { expectKazooRunsTwiml, find, textOf, verbs } from '../../support/twimlAnswers';

const NOW = new Date('2026-11-24T17:00:00Z');

function decide(route: ReturnType<typeof parseRoute>, overrides: KazooParams = {}) {
  const request = kazooRequest(overrides);
  return decideEntry({ route, request, now: NOW, pivotBack: testPivotBack(request, 'https://pivot.example.com/pivot/main', route.id) });
}

function routeWith(then: unknown, fallback?: unknown) {
  return parseRoute({
    id: 'main',
    timezone: 'America/New_York',
    rules: [{ name: 'greet', then }],
    ...(fallback !== undefined && { fallback }),
  });
}

describe('TwiML decisions with placeholders', () => {
  it('fills a number from the call into a Dial', () => {
    // Act
    const decision = decide(routeWith({ twiml: '<Response><Dial callerId="{{To}}">{{Caller-ID-Number}}</Dial></Response>' }));

    // Assess
    const root = expectKazooRunsTwiml(decision.twiml!);
    expect(textOf(find(root, 'Dial')!)).toBe('+14155550123');
    expect(find(root, 'Dial')!.attributes['callerId']).toBe('+12125550100');
    expect(describeOutcome(decision.outcome)).toBe('rule:greet');
  });

  it('a filled-in value Kazoo would stop on answers the fallback instead, and says so', () => {
    // Prepare: a caller name is no pause length
    const route = routeWith(
      { twiml: '<Response><Pause length="{{Caller-ID-Name}}"/></Response>' },
      { twiml: '<Response><Say>Sorry.</Say></Response>' },
    );

    // Act
    const decision = decide(route);

    // Assess
    expect(verbs(expectKazooRunsTwiml(decision.twiml!))).toEqual(['Say']);
    expect(describeOutcome(decision.outcome)).toBe('rule:greet:invalid-after-substitution');
  });

  it('a variable that fills in to step:<name> is no step URL: the fallback answers', () => {
    // Prepare: anyone holding the URL can send Custom-Application-Vars
    const route = parseRoute({
      id: 'main',
      timezone: 'America/New_York',
      rules: [{ name: 'next', then: { twiml: '<Response><Redirect>{{vars.next}}</Redirect></Response>' } }],
      steps: { admin: { prompt: { tts: 'Admin menu.' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
      fallback: { twiml: '<Response><Hangup/></Response>' },
    });

    // Act
    const forged = decide(route, { 'Custom-Application-Vars': { next: 'step:admin' } });
    const plain = decide(route, { 'Custom-Application-Vars': { next: 'https://ivr.example.com/next' } });

    // Assess
    expect(verbs(expectKazooRunsTwiml(forged.twiml!))).toEqual(['Hangup']);
    expect(describeOutcome(forged.outcome)).toBe('rule:next:invalid-after-substitution');
    expect(textOf(find(expectKazooRunsTwiml(plain.twiml!), 'Redirect')!)).toBe('https://ivr.example.com/next');
  });

  it('characters XML cannot carry become spaces, so a caller name cannot break the document', () => {
    // Act
    const decision = decide(routeWith({ twiml: '<Response><Say>Hi {{Caller-ID-Name}}</Say></Response>' }), {
      'Caller-ID-Name': 'Ada\u0001\u001bLove\ud800lace',
    });

    // Assess
    expect(textOf(find(expectKazooRunsTwiml(decision.twiml!), 'Say')!)).toBe('Hi Ada  Love\ufffdlace');
  });

  it('a callflow rule may fall back to TwiML', () => {
    // Prepare: no rule matches
    const route = parseRoute({
      id: 'main',
      timezone: 'America/New_York',
      rules: [{ when: { callerId: { numbers: ['+10000000000'] } }, then: { module: 'hangup', data: {} } }],
      fallback: { twiml: '<Response><Reject reason="busy"/></Response>' },
    });

    // Act
    const decision = decide(route);

    // Assess
    expect(decision.node).toBeUndefined();
    expect(verbs(expectKazooRunsTwiml(decision.twiml!))).toEqual(['Reject']);
    expect(describeOutcome(decision.outcome)).toBe('fallback');
  });
});
