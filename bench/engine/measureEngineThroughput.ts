import { normalizePivotRequest } from '../../lib/request/normalizePivotRequest';
import type { PivotRequest } from '../../lib/request/pivotRequest';
import { decideEntry } from '../../lib/rules/decideAnswer';
import { parseRoute } from '../../lib/routes/parseRoute';
import { pivotBackFor } from '../../lib/rules/pivotBack';
import { figure, type Figure } from '../report/figure';
import { entryEvent } from '../support/pivotEvents';
import { median } from '../support/stats';
import { timeBox } from '../support/timeBox';
import { GENERATED_RULE_COUNT, generatedRoute } from './generatedRoute';

const ROUNDS = 30;
const DECISIONS_PER_ROUND = 200;
const TIME_LIMIT_MS = 12_000;
const INSTANTS = 101;

/**
 * Rule evaluations per second of the pure engine: the generated 50-rule route is
 * parsed once, then decideEntry judges requests at instants spread over a year
 * (temporal rules cost differently by date, DST included).
 *
 * Baseline: a JSON round trip (stringify + parse) of the same PivotRequest, once
 * per rule evaluation. It is code lib/ cannot make faster or slower, touches the
 * same kind of data (strings, small objects, allocation), and takes the same order
 * of time, so the ratio "rule evaluations per request clone" follows the engine
 * and not the machine's mood. (An empty-conditions route was the other candidate;
 * it runs lib/ code too, so a change to the shared decision path would move both
 * sides and hide in the ratio.) No goal: the issue sets none; the figure is there
 * to catch regressions from run to run.
 */
export function measureEngineThroughput(): Figure[] {
  const route = parseRoute(generatedRoute());
  const requests = ['+12125550100', '+12125559999', '*7012'].map((dialed, i) =>
    normalizePivotRequest(entryEvent(route.id, `engine-${i}`, { Request: dialed, To: dialed })),
  );
  const pivotBacks = requests.map((r) => pivotBackFor(r, 'https://example.invalid/pivot/generated-50'));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const instants = Array.from({ length: INSTANTS }, (_, i) => new Date(start + i * 3.61 * 86_400_000));

  let sink = 0;
  const decide = (i: number) => {
    const k = i % requests.length;
    const decision = decideEntry({ route, request: requests[k]!, now: instants[i % INSTANTS]!, pivotBack: pivotBacks[k]! });
    if (decision.outcome !== 'fallback') throw new Error(`a generated rule matched (${decision.outcome}): the evaluation count would be wrong`);
    sink += decision.outcome.length;
  };
  const clone = (request: PivotRequest) => {
    sink += (JSON.parse(JSON.stringify(request)) as PivotRequest).callId.length;
  };

  const runSubject = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < DECISIONS_PER_ROUND; i++) decide(i);
    return (DECISIONS_PER_ROUND * GENERATED_RULE_COUNT) / ((performance.now() - t0) / 1000);
  };
  const runBaseline = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < DECISIONS_PER_ROUND * GENERATED_RULE_COUNT; i++) clone(requests[i % requests.length]!);
    return (DECISIONS_PER_ROUND * GENERATED_RULE_COUNT) / ((performance.now() - t0) / 1000);
  };

  runSubject();
  runBaseline();
  const subjectRates: number[] = [];
  const baselineRates: number[] = [];
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    if (round % 2 === 0) {
      subjectRates.push(runSubject());
      baselineRates.push(runBaseline());
    } else {
      baselineRates.push(runBaseline());
      subjectRates.push(runSubject());
    }
  }
  if (sink === 0) throw new Error('unreachable: keeps the work observable');

  const evaluations = median(subjectRates);
  return [
    figure({
      id: 'engine.ruleEvaluationsPerSecond',
      label: `engine: rule evaluations/s (${GENERATED_RULE_COUNT}-rule route, 20 temporal)`,
      value: evaluations,
      unit: 'evals/s',
      baseline: { label: 'JSON clones of the request/s', value: median(baselineRates), unit: 'clones/s' },
      goal: null,
      note: `median of ${subjectRates.length} interleaved rounds; ${Math.round(evaluations / GENERATED_RULE_COUNT)} decisions/s`,
    }),
  ];
}
