import { beforeAll, describe, expect, it } from '@jest/globals';
import { PatternCache, programBytes, sharedPatterns } from '../../../lib/routes/patternCache';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { checkPattern, loadPatternEngine } from '../../../lib/routes/safePattern';

const HANGUP = { module: 'hangup', data: {} };

function routeMatching(id: string, pattern: string) {
  return { id, timezone: 'UTC', rules: [{ when: { callerId: { patterns: [pattern] } }, then: HANGUP }] };
}

/** Bytes one ordinary program is counted as, so a budget can hold a known number of them. */
function bytesOf(source: string): number {
  const check = checkPattern(source);
  if (!check.ok) throw new Error(check.message);
  return programBytes(check.pattern);
}

describe('compiled patterns: one process-wide cache, bounded, least recently used out first', () => {
  beforeAll(loadPatternEngine);

  it('keeps one program for a pattern many routes share, and none in the routes', () => {
    // Prepare
    sharedPatterns.clear();

    // Act
    const routes = ['a', 'b', 'c'].map((id) => parseRoute(routeMatching(id, '^\\+1(\\d{3})')));

    // Assess: one program, matched through each route
    expect(sharedPatterns.size).toBe(1);
    for (const route of routes) expect(route.patterns.match('^\\+1(\\d{3})', '+12125550100')).toEqual(['+1212', '212']);
    expect(JSON.stringify(routes[0])).not.toContain('patterns":{');
  });

  it('never holds more than its budget, and matches an evicted pattern as before when it is needed again', () => {
    // Prepare: room for about five programs of this shape
    const sources = Array.from({ length: 40 }, (_, i) => `^\\+${i}(\\d{3})(\\d*)$`);
    const budget = 5 * bytesOf(sources[0]!);
    const cache = new PatternCache(budget);

    // Act / Assess
    for (const source of sources) {
      cache.match(source, '+1');
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    expect(cache.size).toBeLessThan(10);
    expect(cache.has(sources[0]!)).toBe(false);
    expect(cache.match(sources[0]!, '+0555123')).toEqual(['+0555123', '555', '123']);
    expect(cache.match(sources[0]!, '+1555123')).toBeNull();
  });

  it('evicts the least recently used program, not the one just matched', () => {
    // Prepare: room for three
    const [a, b, c, d] = ['^a(\\d)$', '^b(\\d)$', '^c(\\d)$', '^d(\\d)$'];
    const cache = new PatternCache(3 * bytesOf(a!) + 100);
    for (const source of [a, b, c]) cache.match(source!, 'x');

    // Act: a is used again, then a fourth comes in
    cache.match(a!, 'a1');
    cache.match(d!, 'd1');

    // Assess: b, the least recently used, went
    expect([a, b, c, d].map((s) => cache.has(s!))).toEqual([true, false, true, true]);
  });

  it('shrinks to a smaller budget when resized', () => {
    // Prepare
    const cache = new PatternCache();
    for (let i = 0; i < 10; i++) cache.match(`^${i}+$`, `${i}`);

    // Act
    cache.resize(2 * bytesOf('^0+$'));

    // Assess
    expect(cache.size).toBe(2);
    expect(cache.has('^9+$')).toBe(true);
  });
});
