import { beforeAll, describe, expect, it } from '@jest/globals';
import { conditionsSchema } from '../../../lib/routes/conditionsSchema';
import { sharedPatterns } from '../../../lib/routes/patternCache';
import { loadPatternEngine } from '../../../lib/routes/safePattern';
import { buildEvaluationContext } from '../../../lib/rules/evaluationContext';
import { matchConditions } from '../../../lib/rules/matchConditions';
import type { CallState } from '../../../lib/calls/callState';
import { OTHER_USER_ID, USER_ID } from '../../fixtures/kazooCalls';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { kazooRequest } from '../../fixtures/pivotRequests';

const NOON_NEW_YORK_WEDNESDAY = new Date('2026-11-25T17:00:00Z');

function judge(when: unknown, params: KazooParams = {}, state?: Partial<CallState>) {
  const ctx = buildEvaluationContext(kazooRequest(params), state as CallState | undefined, NOON_NEW_YORK_WEDNESDAY, 'America/New_York');
  const conditions = conditionsSchema.parse(when);
  return matchConditions(conditions, ctx, sharedPatterns);
}

describe('matchConditions', () => {
  beforeAll(loadPatternEngine);

  const cases: [string, unknown, KazooParams, boolean][] = [
    ['empty conditions always hold', {}, {}, true],
    ['caller in the whitelist', { callerId: { numbers: ['+14155550123'] } }, {}, true],
    ['caller in the whitelist without +', { callerId: { numbers: ['14155550123'] } }, {}, true],
    ['caller not in the whitelist', { callerId: { numbers: ['+14155550000'] } }, {}, false],
    ['caller by regex', { callerId: { patterns: ['^\\+1415'] } }, {}, true],
    ['caller regex miss', { callerId: { patterns: ['^\\+44'] } }, {}, false],
    ['dialed exact (Request)', { dialed: { numbers: ['+12125550100'] } }, {}, true],
    ['dialed exact (To when Request differs)', { dialed: { numbers: ['+12125550999'] } }, { To: '+12125550999', Request: '2000' }, true],
    ['dialed pattern miss', { dialed: { patterns: ['^\\*'] } }, {}, false],
    ['digits equal', { digits: { collection: 'pin', equals: '1234' } }, { Digits: { pin: '1234' } }, true],
    ['digits one of', { digits: { collection: 'pin', equals: ['1111', '1234'] } }, { Digits: { pin: '1234' } }, true],
    ['digits unequal', { digits: { collection: 'pin', equals: '9999' } }, { Digits: { pin: '1234' } }, false],
    ['digits by regex', { digits: { collection: 'acct', pattern: '^\\d{5}$' } }, { Digits: { acct: '12345' } }, true],
    ['digits present', { digits: { collection: 'default', present: true } }, { Digits: { default: '5' } }, true],
    ['digits absent', { digits: { collection: 'default', present: false } }, {}, true],
    ['language prefix', { language: 'en' }, { Language: 'en-US' }, true],
    ['language list', { language: ['fr', 'de'] }, { Language: 'fr-ca' }, true],
    ['language miss', { language: 'fr' }, { Language: 'en-us' }, false],
    ['no language sent', { language: 'en' }, { Language: undefined }, false],
    ['user id one of several', { userId: [OTHER_USER_ID] }, { 'User-ID': [USER_ID, OTHER_USER_ID] }, true],
    ['user id miss', { userId: OTHER_USER_ID }, {}, false],
    ['custom var equal', { vars: { tier: 'gold' } }, { 'Custom-Application-Vars': { tier: 'gold' } }, true],
    ['custom var pattern', { vars: { tier: { pattern: '^(gold|platinum)$' } } }, { 'Custom-Application-Vars': { tier: 'platinum' } }, true],
    ['custom var absent', { vars: { tier: { present: true } } }, {}, false],
    ['direction inbound', { direction: 'inbound' }, {}, true],
    ['direction outbound', { direction: 'outbound' }, {}, false],
    [
      'weekday business hours (Wed noon NY)',
      { time: { cycle: 'weekly', wdays: ['wensday'], time_window_start: 32400, time_window_stop: 61200 } },
      {},
      true,
    ],
    ['weekend only', { time: [{ cycle: 'weekly', wdays: ['saturday', 'sunday'] }] }, {}, false],
    ['all conditions must hold', { callerId: { numbers: ['+14155550123'] }, language: 'de' }, {}, false],
  ];

  it.each(cases)('%s', (_label, when, params, expected) => {
    // Act
    const result = judge(when, params);

    // Assess
    expect(result.matched).toBe(expected);
  });

  it('returns the capture groups of the dialed pattern', () => {
    // Act
    const result = judge({ dialed: { patterns: ['^\\+1(212)(\\d{7})$'] } });

    // Assess
    expect(result).toEqual({ matched: true, captures: ['+12125550100', '212', '5550100'] });
  });

  it('sees digits collected by earlier requests of the call', () => {
    // Act
    const result = judge({ digits: { collection: 'account', equals: '12345' } }, {}, { digits: { account: '12345' }, vars: {} });

    // Assess
    expect(result.matched).toBe(true);
  });

  it('never tests a value longer than the bound', () => {
    // Act
    const result = judge({ callerId: { patterns: ['^\\d+$'] } }, { 'Caller-ID-Number': '1'.repeat(5000), From: undefined });

    // Assess
    expect(result.matched).toBe(false);
  });
});
