import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import { type CompiledPattern, checkPattern, MAX_SUBJECT_LENGTH, matchPattern } from '../../lib/routes/safePattern';
import { printReport, report } from './support/answers';

/**
 * A rule regex runs synchronously on the event loop: no deadline can interrupt it.
 * On a backtracking engine one pattern could hold a live call (and every other
 * request of the container) for seconds or hours. First proof that such patterns
 * really are slow on JavaScript's RegExp, measured within a bound; then that rule
 * patterns run on RE2 instead, where the same patterns are fast, and that what RE2
 * cannot run (backreferences, lookaround) is refused naming the field.
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

function timeLinearMs(pattern: CompiledPattern, subject: string): number {
  const started = performance.now();
  matchPattern(pattern, subject);
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
    measured['(a+)+$'] = {
      subjectLength: lastN,
      ms: Number(lastMs.toFixed(1)),
      projectedMsAt30Chars: Math.round(lastMs * 2 ** (30 - lastN)),
    };
    expect(lastMs).toBeGreaterThan(20);
    expect(lastMs / Math.max(earlier[1], 0.01)).toBeGreaterThan(4);
  });

  it('\\d*\\d*\\d*x grows polynomially: a 192-digit caller id already costs a large share of a call', () => {
    // Prepare: 64 and 192 digits (the full 256 takes from half a second to seconds)
    const regex = /\d*\d*\d*x/;
    // The short subject's time is the least of five runs: the first includes compiling the regex, and a
    // busy machine inflates a few milliseconds far more than it inflates the long run's hundreds.
    const at64 = Math.min(...Array.from({ length: 5 }, () => timeMs(regex, '1'.repeat(64))));
    const at192 = timeMs(regex, '1'.repeat(192));

    // Assess: three times the subject, far more than three times the work (n^4 in theory: 81x)
    measured['\\d*\\d*\\d*x'] = { msAt64: Number(at64.toFixed(1)), msAt192: Number(at192.toFixed(1)) };
    expect(at192 / Math.max(at64, 0.01)).toBeGreaterThan(8);
    expect(at192).toBeGreaterThan(50);
  });
});

describe('rule patterns run on a linear-time engine', () => {
  it.each([
    ['nested repetition', '^(a+)+$', `${'a'.repeat(30)}!`],
    ['nested star', '(\\d*)*x', '1'.repeat(MAX_SUBJECT_LENGTH)],
    ['repeated alternation', '^(a|aa)+$', `${'a'.repeat(60)}!`],
    ['the scanner bypass of issue 12, in RE2 syntax', '(?:[^\\x00-\\x{10FFFF}]|(\\d+)+)x\\]?', '1'.repeat(31)],
    ['three open-ended repetitions, unanchored', '\\d*\\d*\\d*x', '1'.repeat(MAX_SUBJECT_LENGTH)],
    ['four wildcards', '.*.*.*=.*', 'a'.repeat(MAX_SUBJECT_LENGTH)],
    ['alternations in a row', `${'(1|1)'.repeat(16)}x`, '1'.repeat(MAX_SUBJECT_LENGTH)],
  ])('accepts %s (%s) and matches its worst subject in under 250 ms', (_label, source, subject) => {
    // Act
    const issue = refusal(source);
    const check = checkPattern(source);
    const started = performance.now();
    const match = check.ok ? matchPattern(check.pattern, subject) : undefined;
    const ms = performance.now() - started;

    // Assess
    expect(issue).toBeUndefined();
    expect(match).toBeNull();
    expect(ms).toBeLessThan(250);
  });

  it.each([
    ['a backreference', '^(\\d)\\1+$', /backreferences are not supported/],
    ['a named backreference', '^(?<d>\\d)\\k<d>$', /backreferences are not supported/],
    ['a lookahead', '^(?=1)\\d+$', /lookahead and lookbehind are not supported/],
    ['a negative lookbehind', '(?<!0)1', /lookahead and lookbehind are not supported/],
    ['a pattern that does not compile', '^(+1', /not a valid regular expression/],
    ['nested counted repetitions too large to stay cheap', '^([0-9]{0,3}){1,64}x$', /too complex/],
    ['the scanner bypass of issue 12 (an empty class is not RE2)', '(?:[]|(\\d+)+)x]?', /not a valid regular expression/],
  ])('refuses %s (%s), naming the field', (_label, source, message) => {
    // Act
    const issue = refusal(source);

    // Assess
    expect(issue).toMatch(message);
  });

  it.each([
    ['^\\+4420(7946)\\d{4}$', '+442079461234', ['+442079461234', '7946']],
    ['^\\+(\\d{7,15})$', '+14155550123', ['+14155550123', '14155550123']],
    ['^\\*56(\\d{3,4})$', '*561234', ['*561234', '1234']],
    ['^(gold|platinum)$', 'gold', ['gold', 'gold']],
    ['^sip:(.*)@(.*)$', 'sip:alice@example.com', ['sip:alice@example.com', 'alice', 'example.com']],
    ['^(?<country>\\+\\d{1,3})?(\\d{10})$', '4155550123', ['4155550123', '', '4155550123']],
    ['\\d+', 'ab42', ['42']],
  ])('accepts an ordinary pattern and captures as before: %s', (source, subject, groups) => {
    // Act
    const check = checkPattern(source);

    // Assess
    expect(refusal(source)).toBeUndefined();
    expect(check.ok && matchPattern(check.pattern, subject)).toEqual(groups);
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
  const pattern = fc
    .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('', 'x', '$', '#'))
    .map(([anchor, pieces, tail]) => `${anchor ? '^' : ''}${pieces.join('')}${tail}`);
  const subjects = ['1'.repeat(MAX_SUBJECT_LENGTH), `${'1'.repeat(MAX_SUBJECT_LENGTH - 1)}!`, '1x'.repeat(MAX_SUBJECT_LENGTH / 2)];
  const RUNS = 600;

  it(`matches the worst subjects within 250 ms for every pattern, nested ones included (${RUNS} generated patterns)`, () => {
    let accepted = 0;
    let slowest = { pattern: '', ms: 0 };
    fc.assert(
      fc.property(pattern, (source) => {
        // Act
        const check = checkPattern(source);
        if (!check.ok) return;
        accepted++;
        const ms = Math.max(...subjects.map((subject) => timeLinearMs(check.pattern, subject)));
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
    const match = check.ok ? matchPattern(check.pattern, '1'.repeat(10_000)) : undefined;

    // Assess
    expect(match).toBeNull();
    expect(performance.now() - started).toBeLessThan(5);
  });
});
