import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import type { RouteDocument } from '../lib/routes/routeSchema';
import { parseRoute } from '../lib/routes/parseRoute';
import { decideEntry } from '../lib/rules/decideAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, entryEvent, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

const RULES = 1_000;
const ROUNDS = 20;
const DECISIONS_PER_ROUND = 40;
const TIME_LIMIT_MS = 10_000;
/** Requests arrive in time order, 97 s apart: a few days go by over a run, as in a warm container. */
const STEP_MS = 97_000;

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const DEVICE = { module: 'device', data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90', timeout: 20 } };
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * Per-rule cost of a route of 1,000 temporal rules against a route of 1,000 plain
 * rules (dialed-number lists), through decideEntry. No rule of either matches, so
 * every decision judges all 1,000. A temporal rule's day-level verdict is kept per
 * local date by its route (TemporalDayCache): what is left per request is
 * comparing the time of day with the window. Goal (issue 13): ≤ 2×.
 */
export function measureTemporalVsPlain(): Figure[] {
  const temporal = parseRoute(routeOf('temporal-1000', temporalConditions));
  const plain = parseRoute(routeOf('plain-1000', plainConditions));
  const request = normalizePivotRequest(httpRequestFrom(entryEvent('temporal-1000', 'temporal-bench', { Request: '+12125550100' })));
  const pivotBack = pivotBackFor(request, 'https://example.invalid/pivot/x', benchFollowUps('temporal-1000', request.callId));
  let now = Date.parse('2026-11-23T00:00:00Z');
  let sink = 0;

  const perRuleMicros = (route: typeof temporal): number => {
    const t0 = performance.now();
    for (let i = 0; i < DECISIONS_PER_ROUND; i++) {
      now += STEP_MS;
      const decision = decideEntry({ route, request, now: new Date(now), pivotBack });
      if (decision.outcome.kind !== 'fallback') throw new Error(`a rule of ${route.id} matched: the per-rule cost would be wrong`);
      sink += decision.outcome.kind.length;
    }
    return ((performance.now() - t0) * 1000) / (DECISIONS_PER_ROUND * RULES);
  };

  perRuleMicros(temporal);
  perRuleMicros(plain);
  const temporalCosts: number[] = [];
  const plainCosts: number[] = [];
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    if (round % 2 === 0) {
      temporalCosts.push(perRuleMicros(temporal));
      plainCosts.push(perRuleMicros(plain));
    } else {
      plainCosts.push(perRuleMicros(plain));
      temporalCosts.push(perRuleMicros(temporal));
    }
  }
  if (sink === 0) throw new Error('unreachable: keeps the work observable');
  const perRule = median(temporalCosts);
  return [
    figure({
      id: 'engine.temporalVsPlain',
      label: `engine: µs per temporal rule (${RULES}-rule route) vs per plain rule`,
      value: perRule,
      unit: 'µs/rule',
      baseline: { label: `µs per plain rule (${RULES} dialed-number rules)`, value: median(plainCosts), unit: 'µs/rule' },
      goal: { op: '<=', ratio: 2 },
      note: `median of ${temporalCosts.length} interleaved rounds of ${DECISIONS_PER_ROUND} decisions; ${((perRule * RULES) / 1000).toFixed(2)} ms per 1,000-rule decision`,
    }),
  ];
}

type Conditions = NonNullable<RouteDocument['rules']>[number]['when'];

/** Every Kazoo cycle, windows that never cover the bench's requests on the days the rules recur. */
function temporalConditions(i: number): Conditions {
  const cycles: Conditions[] = [
    { time: { cycle: 'weekly', wdays: [WEEKDAYS[i % 7]!], time_window_start: 86_000, time_window_stop: 86_001 } },
    { time: { cycle: 'yearly', month: 1 + (i % 12), days: [1 + (i % 28)], time_window_start: 86_000, time_window_stop: 86_001 } },
    { time: { cycle: 'monthly', ordinal: 'second', wdays: [WEEKDAYS[i % 7]!], time_window_start: 86_000, time_window_stop: 86_001 } },
    { time: { cycle: 'daily', interval: 1 + (i % 5), time_window_start: 86_000, time_window_stop: 86_001 } },
    { time: { cycle: 'date', start_date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-10` } },
  ];
  return cycles[i % cycles.length]!;
}

function plainConditions(i: number): Conditions {
  return { dialed: { numbers: [`+1999555${String(1000 + i).padStart(4, '0')}`] } };
}

function routeOf(id: string, conditions: (i: number) => Conditions): RouteDocument {
  return {
    id,
    timezone: 'America/New_York',
    rules: Array.from({ length: RULES }, (_, i) => ({
      name: `r-${i}`,
      when: conditions(i),
      then: { ...DEVICE, children: { _: VOICEMAIL } },
    })),
    fallback: VOICEMAIL,
  };
}
