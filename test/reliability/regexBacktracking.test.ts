import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import { checkPattern, execBounded, MAX_SUBJECT_LENGTH } from '../../lib/routes/safePattern';
import { printReport, report } from './support/answers';

/**
 * A rule regex runs synchronously on the event loop: no deadline can interrupt it.
 * One that backtracks catastrophically would hold a live call (and every other
 * request of the container) for seconds or hours, so it must be refused when the
 * route is validated. First proof that such patterns really are slow, measured
 * within a bound; then that parseRoute refuses them; then that whatever it accepts
 * is fast on the worst subjects we can build.
 */
const measured: Record<string, unknown> = {};

afterAll(() => {
  report('regex backtracking', measured);
  printReport('regex');
});

function timeMs(regex: RegExp, subject: string): number {
  const started = performance.now();
  regex.exec(subject);
  return performance.now() - started;
}

function routeWithCallerPattern(pattern: string) {
  return {
    id: 'regex-test',
    timezone: 'UTC',
    rules: [{ name: 'partner', when: { callerId: { patterns: [pattern] } }, then: { module: 'hangup', data: {} } }],
    fallback: { module: 'hangup', data: {} },
  };
}

function refusal(pattern: string): string | undefined {
  try {
    parseRoute(routeWithCallerPattern(pattern));
    return undefined;
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    return error.issues.find((i) => i.path.includes('callerId.patterns.0'))?.message;
  }
}

describe('catastrophic patterns really are slow when allowed (measured, bounded)', () => {
  it('(a+)+$ doubles its time with every character: exponential', () => {
    // Prepare: grow the subject until one match takes 20 ms, never past 28 characters
    const regex = /^(a+)+$/;
    const times: [number, number][] = [];
    for (let n = 14; n <= 28; n++) {
      const ms = timeMs(regex, `${'a'.repeat(n)}!`);
      times.push([n, ms]);
      if (ms > 20) break;
    }

    // Assess: four more characters cost at least 4x (about 16x in theory)
    const [lastN, lastMs] = times[times.length - 1]!;
    const earlier = times.find(([n]) => n === lastN - 4)!;
    measured['(a+)+$'] = { subjectLength: lastN, ms: Number(lastMs.toFixed(1)), projectedMsAt30Chars: Math.round(lastMs * 2 ** (30 - lastN)) };
    expect(lastMs).toBeGreaterThan(20);
    expect(lastMs / Math.max(earlier[1], 0.01)).toBeGreaterThan(4);
  });

  it('\\d*\\d*\\d*x grows polynomially: a 192-digit caller id already costs a large share of a call', () => {
    // Prepare: 64 and 192 digits (the full 256 takes from half a second to seconds)
    const regex = /\d*\d*\d*x/;
    const at64 = timeMs(regex, '1'.repeat(64));
    const at192 = timeMs(regex, '1'.repeat(192));

    // Assess: three times the subject, far more than three times the work (n^4 in theory: 81x)
    measured['\\d*\\d*\\d*x'] = { msAt64: Number(at64.toFixed(1)), msAt192: Number(at192.toFixed(1)) };
    expect(at192 / Math.max(at64, 0.01)).toBeGreaterThan(8);
    expect(at192).toBeGreaterThan(50);
  });
});

describe('parseRoute refuses patterns that backtrack catastrophically', () => {
  it.each([
    ['nested repetition', '^(a+)+$', /nested repetition/],
    ['nested star', '(\\d*)*x', /nested repetition/],
    ['repeated alternation', '^(a|aa)+$', /nested repetition/],
    ['repeated overlapping alternation', '(\\d|\\d\\d)*#', /nested repetition/],
    ['a repeated optional', '^((?:11)?)+#', /nested repetition/],
    ['a backreference', '^(\\d)\\1+$', /backreferences/],
    ['a named backreference', '^(?<d>\\d)\\k<d>$', /backreferences/],
    ['three open-ended repetitions, unanchored', '\\d*\\d*\\d*x', /backtrack about/],
    ['four wildcards', '.*.*.*=.*', /backtrack about/],
    ['four open-ended repetitions, anchored', '^\\d*\\d*\\d*\\d*x', /backtrack about/],
    ['bounded but wide repetitions', '\\d{0,64}\\d{0,64}\\d{0,64}x', /backtrack about/],
    ['twenty optionals', `${'1?'.repeat(20)}${'1'.repeat(20)}`, /backtrack about/],
    ['alternations in a row', `${'(1|1)'.repeat(16)}x`, /backtrack about/],
  ])('%s: %s', (_label, pattern, message) => {
    // Act
    const issue = refusal(pattern);

    // Assess
    expect(issue).toMatch(message);
  });

  it.each([
    '^\\+4420(7946)\\d{4}$',
    '^\\+(\\d{7,15})$',
    '^\\*56(\\d{3,4})$',
    '^(gold|platinum)$',
    '^sip:(.*)@(.*)$',
    '^(?<country>\\+\\d{1,3})?(\\d{10})$',
    '\\d+',
    '.*=.*',
  ])('accepts an ordinary pattern: %s', (pattern) => {
    // Act / Assess
    expect(refusal(pattern)).toBeUndefined();
  });
});

describe('whatever the check accepts stays fast', () => {
  // Atoms that overlap on the same subject characters: the hard case for a backtracking engine.
  const atom = fc.constantFrom('\\d', '.', '1', '[0-9]', '\\w', '(?:1)', '(?:11)', '[1x]');
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '{0,3}', '{1,64}', '{2,}', '*?', '+?');
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(atom, quantifier).map(([a, q]) => a + q) },
    { weight: 1, arbitrary: fc.tuple(atom, atom, quantifier).map(([a, b, q]) => `(${a}|${b})${q}`) },
    { weight: 1, arbitrary: fc.tuple(atom, quantifier, quantifier).map(([a, q, r]) => `(${a}${q})${r}`) },
  );
  const pattern = fc.tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('', 'x', '$', '#')).map(([anchor, pieces, tail]) => `${anchor ? '^' : ''}${pieces.join('')}${tail}`);
  const subjects = ['1'.repeat(MAX_SUBJECT_LENGTH), `${'1'.repeat(MAX_SUBJECT_LENGTH - 1)}!`, '1x'.repeat(MAX_SUBJECT_LENGTH / 2)];
  const RUNS = 600;

  it(`matches the worst subjects within 250 ms for every accepted pattern (${RUNS} generated patterns)`, () => {
    let accepted = 0;
    let slowest = { pattern: '', ms: 0 };
    fc.assert(
      fc.property(pattern, (source) => {
        // Act
        const check = checkPattern(source);
        if (!check.ok) return;
        accepted++;
        const ms = Math.max(...subjects.map((subject) => timeMs(check.regex, subject)));
        if (ms > slowest.ms) slowest = { pattern: source, ms };

        // Assess
        expect(ms).toBeLessThan(250);
      }),
      { numRuns: RUNS },
    );
    measured['generated patterns'] = { runs: RUNS, accepted, slowestAccepted: { ...slowest, ms: Number(slowest.ms.toFixed(1)) } };
  });

  it('never runs a pattern on a subject longer than the bound', () => {
    // Prepare: a safe pattern, a caller id of ten thousand digits
    const check = checkPattern('^\\d+$');

    // Act
    const started = performance.now();
    const match = check.ok ? execBounded(check.regex, '1'.repeat(10_000)) : undefined;

    // Assess
    expect(match).toBeNull();
    expect(performance.now() - started).toBeLessThan(5);
  });
});
