import { describe, expect, it } from '@jest/globals';
import { decideEntry } from '../../../lib/rules/decideAnswer';
import { describeOutcome } from '../../../lib/rules/outcome';
import { exampleRoute } from '../../fixtures/exampleRoutes';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { expectKazooValid } from '../../support/kazooSchemas';
import { testPivotBack } from '../../fixtures/routeCredentials';

/**
 * Seed 000: "main number", America/New_York, weekdays 09:00-17:00 → device FRONT_DESK
 * with a voicemail `_` child; otherwise voicemail. Instants are UTC; New York is
 * UTC-5 in winter (EST) and UTC-4 in summer (EDT).
 */
const route = exampleRoute('main-number.json');
const FRONT_DESK = 'a3f1c2d4e5f60718293a4b5c6d7e8f90';
const COMPANY_VM = 'b7e2d3c4a5f60718293a4b5c6d7e8f91';

function answerAt(isoInstant: string) {
  const request = kazooRequest();
  return decideEntry({ route, request, now: new Date(isoInstant), pivotBack: testPivotBack(request, 'https://x/pivot/main-number') });
}

const cases: [string, string, 'front desk' | 'voicemail'][] = [
  ['Tuesday 08:59:59 EST', '2026-11-24T13:59:59Z', 'voicemail'],
  ['Tuesday 09:00:00 EST (window start is inclusive)', '2026-11-24T14:00:00Z', 'front desk'],
  ['Tuesday 12:30 EST', '2026-11-24T17:30:00Z', 'front desk'],
  ['Tuesday 17:00:00 EST (window stop is inclusive)', '2026-11-24T22:00:00Z', 'front desk'],
  ['Tuesday 17:00:01 EST', '2026-11-24T22:00:01Z', 'voicemail'],
  ['Friday 16:59 EST', '2026-11-27T21:59:00Z', 'front desk'],
  ['Saturday 10:00 EST', '2026-11-28T15:00:00Z', 'voicemail'],
  ['Sunday 12:00 EST', '2026-11-29T17:00:00Z', 'voicemail'],
  ['Monday 00:30 EST', '2026-11-30T05:30:00Z', 'voicemail'],
  ['Monday 09:00 EST', '2026-11-30T14:00:00Z', 'front desk'],
  ['Monday 09:00 EDT (summer, UTC-4)', '2026-07-06T13:00:00Z', 'front desk'],
  ['Monday 08:59:59 EDT', '2026-07-06T12:59:59Z', 'voicemail'],
  // DST ends Sunday 2026-11-01 02:00 EDT → 01:00 EST. Monday Nov 2 is the first EST weekday.
  ['Friday Oct 30 09:00 EDT', '2026-10-30T13:00:00Z', 'front desk'],
  ['Monday Nov 2 09:00 EST, first weekday after fall back', '2026-11-02T14:00:00Z', 'front desk'],
  ['Monday Nov 2 08:30 EST (13:30Z was 09:30 the week before)', '2026-11-02T13:30:00Z', 'voicemail'],
  // DST starts Sunday 2026-03-08 02:00 EST → 03:00 EDT.
  ['Friday Mar 6 17:00 EST', '2026-03-06T22:00:00Z', 'front desk'],
  ['Monday Mar 9 09:00 EDT, first weekday after spring forward', '2026-03-09T13:00:00Z', 'front desk'],
  ['Monday Mar 9 17:00:01 EDT', '2026-03-09T21:00:01Z', 'voicemail'],
  ['Monday Mar 9 16:30 EDT (21:30Z would be after hours in EST)', '2026-03-09T20:30:00Z', 'front desk'],
];

describe('seed 000: the main number by time of day', () => {
  it.each(cases)('%s', (_label, instant, expected) => {
    // Act
    const decision = answerAt(instant);

    // Assess
    if (expected === 'front desk') {
      expect(describeOutcome(decision.outcome)).toBe('rule:business-hours');
      expect(decision.node).toEqual({
        module: 'device',
        data: { id: FRONT_DESK, timeout: 20 },
        children: { _: { module: 'voicemail', data: { id: COMPANY_VM } } },
      });
    } else {
      expect(describeOutcome(decision.outcome)).toBe('fallback');
      expect(decision.node).toEqual({ module: 'voicemail', data: { id: COMPANY_VM } });
    }
    expectKazooValid(decision.node);
  });
});
