import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import type { PivotRequest } from '../lib/request/pivotRequest';
import type { RouteDocument } from '../lib/routes/routeSchema';
import { parseRoute } from '../lib/routes/parseRoute';
import { checkPattern, loadPatternEngine, matchPattern, type CompiledPattern } from '../lib/routes/safePattern';
import { decideEntry } from '../lib/rules/decideAnswer';
import { describeOutcome } from '../lib/rules/outcome';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, entryEvent, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

// The routes and patterns here run on RE2: loaded as the route store loads it for a route with patterns.
await loadPatternEngine();

const GENERATED_RULE_COUNT = 50;
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
    normalizePivotRequest(httpRequestFrom(entryEvent(route.id, `engine-${i}`, { Request: dialed, To: dialed }))),
  );
  const pivotBacks = requests.map((r) => pivotBackFor(r, 'https://example.invalid/pivot/generated-50', benchFollowUps(route.id, r.callId)));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const instants = Array.from({ length: INSTANTS }, (_, i) => new Date(start + i * 3.61 * 86_400_000));

  let sink = 0;
  const decide = (i: number) => {
    const k = i % requests.length;
    const decision = decideEntry({ route, request: requests[k]!, now: instants[i % INSTANTS]!, pivotBack: pivotBacks[k]! });
    if (decision.outcome.kind !== 'fallback') {
      throw new Error(`a generated rule matched (${describeOutcome(decision.outcome)}): the evaluation count would be wrong`);
    }
    sink += decision.outcome.kind.length;
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

/** Ordinary rule patterns and subjects of the kind Kazoo sends (caller IDs, dialed numbers, digits). */
const PATTERN_CASES: [string, string][] = [
  ['^\\+4420(7946)\\d{4}$', '+442079461234'],
  ['^\\+1(212|646)\\d{7}$', '+12125550100'],
  ['^9(\\d{10})$', '915551234567'],
  ['^\\*56(\\d{3,4})$', '*561234'],
  ['^(gold|platinum)$', 'silver'],
  ['^sip:(.*)@(.*)$', 'sip:alice@example.com'],
  ['^\\d{5}$', '12345'],
];
const PATTERN_ROUNDS = 15;
const MATCHES_PER_ROUND = 20_000;

/**
 * Rule patterns run on RE2 (linear time) instead of JavaScript's backtracking RegExp.
 * What that costs on ordinary patterns: microseconds per match on RE2 against the same
 * patterns on RegExp, interleaved in one process. And what it buys: the pattern that
 * froze a Lambda for a minute on RegExp, `(\d+)+x` on a 31-digit caller ID, on RE2.
 */
export function measurePatternMatching(): Figure[] {
  const re2 = PATTERN_CASES.map(([source]) => compiled(source));
  const js = PATTERN_CASES.map(([source]) => new RegExp(source));
  let sink = 0;
  const runRe2 = () => {
    const t0 = performance.now();
    for (let i = 0; i < MATCHES_PER_ROUND; i++) sink += matchPattern(re2[i % re2.length]!, PATTERN_CASES[i % re2.length]![1])?.length ?? 1;
    return ((performance.now() - t0) * 1000) / MATCHES_PER_ROUND;
  };
  const runJs = () => {
    const t0 = performance.now();
    for (let i = 0; i < MATCHES_PER_ROUND; i++) sink += js[i % js.length]!.exec(PATTERN_CASES[i % js.length]![1])?.length ?? 1;
    return ((performance.now() - t0) * 1000) / MATCHES_PER_ROUND;
  };
  runRe2();
  runJs();
  const re2Us: number[] = [];
  const jsUs: number[] = [];
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < PATTERN_ROUNDS && !box.expired(); round++) {
    re2Us.push(runRe2());
    jsUs.push(runJs());
  }
  const hostile = compiled('(\\d+)+x');
  const subject = '1'.repeat(31);
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) sink += matchPattern(hostile, subject)?.length ?? 1;
  const hostileUs = ((performance.now() - t0) * 1000) / 100;
  if (sink === 0) throw new Error('unreachable: keeps the work observable');
  return [
    figure({
      id: 'engine.patternMatch',
      label: `engine: one rule pattern match on RE2 (${PATTERN_CASES.length} ordinary patterns)`,
      value: median(re2Us),
      unit: 'µs',
      baseline: { label: 'the same patterns on JavaScript RegExp', value: median(jsUs), unit: 'µs' },
      goal: null,
      note: `(\\d+)+x on a 31-digit caller ID: ${hostileUs.toFixed(1)} µs on RE2 (about a minute on RegExp)`,
    }),
  ];
}

function compiled(source: string): CompiledPattern {
  const check = checkPattern(source);
  if (!check.ok) throw new Error(`bench pattern ${source}: ${check.message}`);
  return check.pattern;
}

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const DEVICE = { module: 'device', data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90', timeout: 20 } };
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
/** A dialed number no benchmark request uses: it makes a rule fail after its time check ran. */
const NEVER_DIALED = { numbers: ['+19995550000'] };

/**
 * A ~50-rule route shaped like a busy main number: temporal rules of every Kazoo
 * cycle (holidays, weekly hours, monthly closings, dated exceptions, daily
 * windows), dialed-number and caller-ID lists and patterns, language, owner and
 * variable checks. No rule matches the benchmark's requests, so each decision
 * evaluates all 50 and then renders the fallback: the worst case, and an exact
 * count of rule evaluations per decision.
 *
 * A temporal rule is paired with a dialed number no request uses, so its time
 * check always runs (it comes first in matchConditions) whether or not the
 * schedule is active at the instant judged.
 */
function generatedRoute(): RouteDocument {
  const rules: NonNullable<RouteDocument['rules']> = [];
  const add = (name: string, when: NonNullable<RouteDocument['rules']>[number]['when']) =>
    rules.push({ name, when, then: { ...DEVICE, children: { _: VOICEMAIL } } });

  // 20 temporal rules.
  for (let i = 0; i < 5; i++) {
    add(`weekly-hours-${i}`, {
      time: {
        cycle: 'weekly',
        wdays: [...WEEKDAYS.slice(0, 5 - (i % 3))],
        time_window_start: 28_800 + i * 1_800,
        time_window_stop: 61_200 + i * 900,
      },
      dialed: NEVER_DIALED,
    });
  }
  for (let i = 0; i < 5; i++) {
    add(`yearly-holiday-${i}`, { time: { cycle: 'yearly', month: 1 + ((i * 5) % 12), days: [1 + i * 4] }, dialed: NEVER_DIALED });
  }
  for (let i = 0; i < 4; i++) {
    add(`monthly-closing-${i}`, {
      time: {
        cycle: 'monthly',
        ordinal: (['first', 'second', 'last', 'every'] as const)[i]!,
        wdays: [WEEKDAYS[i]!],
        time_window_start: 50_400,
      },
      dialed: NEVER_DIALED,
    });
  }
  for (let i = 0; i < 3; i++) {
    add(`dated-exception-${i}`, {
      time: { cycle: 'date', start_date: `2026-${String(3 + i * 3).padStart(2, '0')}-15` },
      dialed: NEVER_DIALED,
    });
  }
  for (let i = 0; i < 3; i++) {
    add(`daily-window-${i}`, {
      time: [
        { cycle: 'daily', interval: 1 + i, time_window_start: 3_600 * i, time_window_stop: 3_600 * (i + 2) },
        { cycle: 'weekly', interval: 2, wdays: ['saturday', 'sunday'], start_date: '2026-01-03' },
      ],
      dialed: NEVER_DIALED,
    });
  }
  // 30 rules on the call itself.
  for (let i = 0; i < 10; i++)
    add(`did-${i}`, { dialed: { numbers: Array.from({ length: 8 }, (_, k) => `+1212555${String(2000 + i * 8 + k)}`) } });
  for (let i = 0; i < 8; i++) add(`dial-plan-${i}`, { dialed: { patterns: [`^\\*${70 + i}(\\d{3,4})$`, `^9${i}(\\d{10})$`] } });
  for (let i = 0; i < 5; i++) add(`partner-${i}`, { callerId: { patterns: [`^\\+44207${i}(\\d{5})$`], numbers: [`+4420700000${i}`] } });
  for (let i = 0; i < 3; i++) add(`language-${i}`, { language: [['fr', 'de', 'es'][i]!, 'pt-br'] });
  for (let i = 0; i < 2; i++) add(`owner-${i}`, { userId: [`0000000000000000000000000000000${i}`] });
  for (let i = 0; i < 2; i++) add(`campaign-${i}`, { vars: { campaign: { pattern: `^spring-${i}$` }, tier: 'gold' } });

  return {
    id: 'generated-50',
    description: 'Benchmark route: 50 rules, none matching the benchmark requests',
    timezone: 'America/New_York',
    rules,
    fallback: VOICEMAIL,
  };
}
