/**
 * Holidays, route closures and emergency closures through the real pivot
 * handler (middy chain, DynamoDB on dynalite, the closure item beside the
 * route), across a DST change and a year end; and what the operator sees of an
 * emergency closure: its log line and its metric.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createPivotHandler } from '../../functions/pivot';
import { DynamoClosureStore } from '../../adapters/dynamodb';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;

const say = (text: string) => ({ module: 'tts', data: { text } });

/** Berlin, where the clocks went forward on Easter Sunday 2027 (March 28). */
const easterRoute = {
  id: 'berlin-office',
  timezone: 'Europe/Berlin',
  rules: [{ name: 'feiertag', when: { holidays: { country: 'DE', region: 'BB' } }, then: say('Feiertag') }],
  fallback: say('open'),
};

/** New York, closed over the night the clocks went back (2026-11-01) and over a year end. */
const closuresRoute = {
  id: 'closures-office',
  timezone: 'America/New_York',
  closures: [
    { label: 'fall-back-day', date: '2026-11-01' },
    { label: 'new-year', from: '2026-12-31', to: '2027-01-01', then: say('new year') },
    { label: 'half-day', date: '2026-12-24', hours: '13:00-24:00' },
  ],
  closed: say('closed'),
  rules: [{ name: 'open', then: say('open') }],
};

let setup: Setup;
let handler: ReturnType<typeof createPivotHandler>;

beforeAll(async () => {
  setup = await pivotTestRuntime();
  await setup.admin.putRoute(easterRoute.id, JSON.stringify(easterRoute));
  await setup.admin.putRoute(closuresRoute.id, JSON.stringify(closuresRoute));
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
});

async function answerAt(route: string, at: string): Promise<CallflowNode> {
  setup.setNow(new Date(at));
  const result = await handler(
    pivotEventV2({ as: 'get', params: kazooParams(), route, voiceUrlQuery: tokenQuery(route) }),
    lambdaContext(),
  );
  expect(result.statusCode).toBe(200);
  const node = JSON.parse(result.body!) as CallflowNode;
  expectKazooValid(node);
  return node;
}

const spoken = (node: CallflowNode) => (node.data as { text?: string }).text;

describe('holidays, judged in the route zone across a DST change', () => {
  it.each([
    ['Saturday 23:59 CET, the eve of Easter', '2027-03-27T22:59:00Z', 'open'],
    ['Easter Sunday 00:30 CET (public in Brandenburg)', '2027-03-27T23:30:00Z', 'Feiertag'],
    ['Easter Sunday 23:59 CEST, after the clocks went forward', '2027-03-28T21:59:00Z', 'Feiertag'],
    ['Easter Monday 00:00 CEST', '2027-03-28T22:00:00Z', 'Feiertag'],
    ['Tuesday 00:00 CEST', '2027-03-29T22:00:00Z', 'open'],
  ])('%s', async (_when, at, expected) => {
    // Act
    const node = await answerAt(easterRoute.id, at);

    // Assess
    expect(spoken(node)).toBe(expected);
  });

  it('refuses a region the holiday library does not know, naming the field (the route is not served)', async () => {
    // Prepare
    const typo = {
      ...easterRoute,
      id: 'typo-office',
      rules: [{ ...easterRoute.rules[0], when: { holidays: { country: 'DE', region: 'XX' } } }],
    };
    await setup.admin.putRoute(typo.id, JSON.stringify(typo));
    const before = setup.telemetry.lines.length;
    setup.setNow(new Date('2027-03-27T23:30:00Z'));

    // Act
    const result = await handler(
      pivotEventV2({ as: 'get', params: kazooParams(), route: typo.id, voiceUrlQuery: tokenQuery(typo.id) }),
      lambdaContext(),
    );

    // Assess
    expect(result.statusCode).toBe(404);
    const logged = JSON.stringify(setup.telemetry.lines.slice(before));
    expect(logged).toContain('rules.0(feiertag).when.holidays.region');
    expect(logged).toContain('DE has no region');
  });
});

describe('route closures win over the rules', () => {
  it.each([
    ['the day the clocks went back, 00:30 EDT', '2026-11-01T04:30:00Z', 'closed'],
    ['the same day, 23:59 EST (25 hours later)', '2026-11-02T04:59:00Z', 'closed'],
    ['the next day, 00:00:30 EST', '2026-11-02T05:00:30Z', 'open'],
    ["New Year's Eve 10:00, its own callflow", '2026-12-31T15:00:00Z', 'new year'],
    ["New Year's Day 23:59, across the year end", '2027-01-02T04:59:00Z', 'new year'],
    ['January 2nd', '2027-01-02T15:00:00Z', 'open'],
    ['Christmas Eve 12:59, before its closed part of the day', '2026-12-24T17:59:00Z', 'open'],
    ['Christmas Eve 13:00', '2026-12-24T18:00:00Z', 'closed'],
  ])('%s', async (_when, at, expected) => {
    // Act
    const node = await answerAt(closuresRoute.id, at);

    // Assess
    expect(spoken(node)).toBe(expected);
  });
});

describe('emergency closure (the CLOSURE# item rules close writes)', () => {
  it('answers its message then the closed callflow until its end, logged and counted, then the rules again', async () => {
    // Prepare: a runtime of its own, so no cached "open" hides the closure.
    const own = await pivotTestRuntime();
    await own.admin.putRoute(closuresRoute.id, JSON.stringify(closuresRoute));
    // The real Metrics object, its additions noted on the way through (tests run with metrics output off).
    const counted: string[] = [];
    const addMetric = own.telemetry.metrics.addMetric.bind(own.telemetry.metrics);
    own.telemetry.metrics.addMetric = (name, unit, value) => {
      counted.push(name);
      return addMetric(name, unit, value);
    };
    const ownHandler = createPivotHandler(() => own.runtime, own.telemetry);
    await new DynamoClosureStore(own).putClosure(closuresRoute.id, {
      closedAt: Date.parse('2026-11-24T14:00:00Z'),
      until: Date.parse('2026-11-24T16:00:00Z'),
      message: 'Closed for a power cut.',
    });
    const at = async (t: string) => {
      own.setNow(new Date(t));
      const result = await ownHandler(
        pivotEventV2({ as: 'get', params: kazooParams(), route: closuresRoute.id, voiceUrlQuery: tokenQuery(closuresRoute.id) }),
        lambdaContext(),
      );
      return JSON.parse(result.body!) as CallflowNode;
    };

    // Act
    const during = await at('2026-11-24T15:00:00Z');
    const after = await at('2026-11-24T16:00:00Z');

    // Assess
    expectKazooValid(during);
    expect(during).toEqual({ module: 'tts', data: { text: 'Closed for a power cut.' }, children: { _: say('closed') } });
    expect(spoken(after)).toBe('open');
    const outcomes = own.telemetry.lines.map((l) => l.outcome).filter(Boolean);
    expect(outcomes).toEqual(['closed:emergency', 'rule:open']);
    expect(counted.filter((name) => name === 'EmergencyClosed')).toHaveLength(1);
  });
});
