import { describe, expect, it } from '@jest/globals';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { RouteValidationError } from '../../../lib/errors';
import { chooseBranch, splitKeyOf } from '../../../lib/rules/splitBranch';
import type { PivotRequest } from '../../../lib/request/pivotRequest';
import { decideEntry } from '../../../lib/rules/decideAnswer';
import { describeOutcome } from '../../../lib/rules/outcome';
import { exampleRoute } from '../../fixtures/exampleRoutes';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { testPivotBack } from '../../fixtures/routeCredentials';

const CALLERS = Array.from({ length: 10_000 }, (_, i) => `1415${String(5_000_000 + i * 37).padStart(7, '0')}`);

describe('weighted split: proportions and stickiness over 10,000 callers', () => {
  it.each([[[80, 20]], [[50, 50]], [[70, 20, 10]], [[1, 99]]])('weights %j: each branch gets its share within ±2 points', (weights) => {
    // Act
    const counts = weights.map(() => 0);
    for (const caller of CALLERS) counts[chooseBranch(weights, 'ab-greeting', caller)]! += 1;

    // Assess
    const total = weights.reduce((a, b) => a + b, 0);
    for (const [i, weight] of weights.entries()) {
      expect(Math.abs((counts[i]! / CALLERS.length) * 100 - (weight / total) * 100)).toBeLessThanOrEqual(2);
    }
  });

  it('a caller keeps the same branch on every call, dialled with or without +; another route splits independently', () => {
    // Prepare
    const first = CALLERS.map((c) => chooseBranch([80, 20], 'ab-greeting', c));

    // Act
    const again = CALLERS.filter(
      (c, i) => chooseBranch([80, 20], 'ab-greeting', splitKeyOf({ callerIdNumber: `+${c}` } as PivotRequest)) !== first[i],
    );
    const moved = CALLERS.filter((c) => chooseBranch([50, 50], 'route-a', c) !== chooseBranch([50, 50], 'route-b', c));

    // Assess
    expect(again).toEqual([]);
    // Independent per route: about half the callers differ between two 50/50 routes.
    expect(moved.length / CALLERS.length).toBeGreaterThan(0.45);
    expect(moved.length / CALLERS.length).toBeLessThan(0.55);
  });
});

describe('weighted split in a route', () => {
  const route = exampleRoute('ab-greeting.json');

  it('answers the branch a caller is on and names it in the outcome, with or without the leading +', () => {
    // Prepare
    const decide = (number: string) => {
      const request = kazooRequest({ 'Caller-ID-Number': number }, { route: 'ab-greeting' });
      return decideEntry({ route, request, now: new Date(), pivotBack: testPivotBack(request, 'https://x/pivot/ab-greeting') });
    };

    // Act
    const a = decide('+14155550177');
    const b = decide('14155550177');

    // Assess
    expect(describeOutcome(a.outcome)).toMatch(/^rule:greeting@(classic|friendly)$/);
    expect(a.outcome).toEqual(b.outcome);
    expect(a.node).toEqual(b.node);
  });

  it.each([
    ['one branch', [{ weight: 1, then: { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } } }], 'at least two'],
    [
      'a zero weight',
      [
        { weight: 0, then: { goto: 'x' } },
        { weight: 1, then: { goto: 'x' } },
      ],
      'weight',
    ],
    [
      'a branch to a missing step',
      [
        { weight: 1, then: { goto: 'nowhere' } },
        { weight: 1, then: { goto: 'nowhere' } },
      ],
      'no step named "nowhere"',
    ],
  ])('refuses a split with %s, naming the field', (_case, split, message) => {
    // Act
    const error = (() => {
      try {
        parseRoute({ id: 'bad-split', timezone: 'UTC', rules: [{ name: 'r', then: split }] });
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(RouteValidationError);
    expect((error as RouteValidationError).issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toContain(message);
    expect((error as RouteValidationError).issues[0]!.path).toMatch(/^rules\.0\(r\)\.then/);
  });
});
