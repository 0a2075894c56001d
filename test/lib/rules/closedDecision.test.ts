import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadHolidayLibrary } from '../../../lib/holidays/holidayCondition';
import { decideEntry } from '../../../lib/rules/decideAnswer';
import { describeOutcome } from '../../../lib/rules/outcome';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { exampleDocument } from '../../fixtures/exampleRoutes';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { testPivotBack } from '../../fixtures/routeCredentials';
import { expectKazooValid } from '../../support/kazooSchemas';

const OPEN_HOURS = new Date('2026-11-24T15:00:00Z');

// The route's holidays rule runs before its opening hours: the route cache loads the library for it.
beforeAll(loadHolidayLibrary);

function decide(document: Record<string, unknown>, emergencyClosure?: { closedAt: number; until?: number; message?: string }) {
  const route = parseRoute(document);
  const request = kazooRequest();
  return decideEntry({
    route,
    request,
    now: OPEN_HOURS,
    pivotBack: testPivotBack(request, `https://x/pivot/${route.id}`),
    emergencyClosure,
  });
}

describe('an emergency closure decides before the rules', () => {
  it('with a closed-hours menu as the closed action, plays the message before the menu prompt', () => {
    // Prepare: the small business, closed into its own after-hours menu.
    const document = { ...exampleDocument('small-business.json'), closed: { goto: 'after-hours-menu' } };

    // Act
    const decision = decide(document, { closedAt: 0, message: 'Closed for a power cut.' });

    // Assess
    expectKazooValid(decision.node);
    expect(describeOutcome(decision.outcome)).toBe('closed:emergency');
    expect(decision.awaiting).toEqual({ step: 'after-hours-menu', attempts: 1 });
    expect(decision.node).toMatchObject({
      module: 'tts',
      data: { text: 'Closed for a power cut.' },
      children: { _: { module: 'tts', children: { _: { module: 'collect_dtmf' } } } },
    });
  });

  it('without a closed action, answers the fallback; without a message, nothing is spoken first', () => {
    // Prepare
    const { closed: _closed, closures: _closures, ...document } = exampleDocument('small-business.json');

    // Act
    const decision = decide(document, { closedAt: 0 });

    // Assess
    expect(decision.node).toEqual({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
  });

  it('is over once its until has passed: the rules answer', () => {
    // Act
    const decision = decide(exampleDocument('small-business.json'), { closedAt: 0, until: OPEN_HOURS.getTime() });

    // Assess
    expect(describeOutcome(decision.outcome)).toBe('rule:open');
  });
});
