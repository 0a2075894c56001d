import { describe, expect, it } from '@jest/globals';
import { answerPivotRequest } from '../../../lib/pivot/answerPivotRequest';
import { CachedRulesStore, type RouteSource } from '../../../lib/routes/rulesStore';
import { InMemoryCallStateStore, InMemoryRouteSource } from '../../fixtures/inMemoryStores';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { TEST_ROUTE_KEYS, tokenQuery } from '../../fixtures/routeCredentials';
import { expectKazooRunsTwiml, verbs } from '../../support/twimlAnswers';

const NOW = new Date('2026-11-24T17:00:00Z');

/** The use case over a route store that fails once `down` is set, after serving each route once. */
async function degradedAnswerFor(fallback: unknown) {
  const routes = new InMemoryRouteSource({
    hotline: {
      id: 'hotline',
      timezone: 'America/New_York',
      rules: [{ then: { goto: 'menu' } }],
      steps: { menu: { prompt: { tts: 'Press 1.' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
      fallback,
    },
  });
  let down = false;
  const source: RouteSource = {
    fetchRouteDocument: async (routeId, options) => {
      if (down) throw new Error('table unreachable');
      return routes.fetchRouteDocument(routeId, options);
    },
  };
  const deps = {
    rules: new CachedRulesStore(source, { ttlMs: 0 }),
    callStates: new InMemoryCallStateStore({ now: () => NOW.getTime() }),
    routeKeys: async () => TEST_ROUTE_KEYS,
    followUpTtlSeconds: 3600,
    budgetMs: 2_500,
  };
  const request = kazooRequest({}, { route: 'hotline', voiceUrlQuery: tokenQuery('hotline') });
  const ctx = { now: NOW, routeUrl: 'https://pivot.example.com/pivot/hotline' };
  await answerPivotRequest(deps, request, ctx);
  down = true;
  return answerPivotRequest(deps, request, ctx);
}

describe('a TwiML fallback while the route store is down', () => {
  it("is the answer: the last known route's TwiML, as application/xml", async () => {
    // Act
    const result = await degradedAnswerFor({ twiml: '<Response><Say>We are having trouble. Please call back.</Say><Hangup/></Response>' });

    // Assess
    expect(result.outcome).toEqual({ kind: 'degraded', answer: 'fallback' });
    expect(result.answer.headers['Content-Type']).toBe('application/xml');
    expect(verbs(expectKazooRunsTwiml(result.answer.body))).toEqual(['Say', 'Hangup']);
  });

  it('is a 503 when it would hand the call to a step, which needs the store that failed', async () => {
    // Act
    const result = await degradedAnswerFor({ twiml: '<Response><Redirect>step:menu</Redirect></Response>' });

    // Assess
    expect(result.outcome).toEqual({ kind: 'degraded', answer: 'unavailable' });
    expect(result.answer.statusCode).toBe(503);
  });
});
