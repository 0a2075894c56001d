import { describe, expect, it } from '@jest/globals';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { CachedRulesStore } from '../../../lib/routes/rulesStore';
import { mayHoldPatterns, patternEngineLoaded } from '../../../lib/routes/safePattern';
import { decideEntry } from '../../../lib/rules/decideAnswer';
import { pivotBackFor } from '../../../lib/rules/pivotBack';
import { httpRequestFrom, pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { kazooParams } from '../../fixtures/kazooCalls';

// No fixture that parses the examples is imported here: they load the pattern engine up front.
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const HANGUP = { module: 'hangup', data: {} };
const PLAIN = {
  id: 'plain',
  timezone: 'UTC',
  rules: [{ when: { callerId: { numbers: ['+15550001111'] } }, then: HANGUP }],
  fallback: VOICEMAIL,
};
const WITH_PATTERNS = {
  id: 'uk-callers',
  timezone: 'UTC',
  rules: [{ name: 'uk', when: { callerId: { patterns: ['^\\+44(\\d+)$'] } }, then: HANGUP }],
  fallback: VOICEMAIL,
};

/** What DynamoDB hands the store: a fresh object per read. */
const source = {
  fetchRouteDocument: async (id: string) =>
    JSON.parse(JSON.stringify(id === 'plain' ? PLAIN : id === 'uk-callers' ? WITH_PATTERNS : null)) ?? undefined,
};

describe('re2js is loaded only for routes with patterns', () => {
  it('serves routes without patterns without it, then loads it for the first route with patterns, whose patterns match', async () => {
    // Prepare
    const store = new CachedRulesStore(source);

    // Act: a route without patterns
    const plain = await store.getRoute('plain');

    // Assess
    expect(plain?.id).toBe('plain');
    expect(patternEngineLoaded()).toBe(false);
    // Parsing a route with patterns without the engine is a programming error, said plainly (never a silent pass).
    expect(() => parseRoute(structuredClone(WITH_PATTERNS))).toThrow(/await loadPatternEngineFor/);

    // Act: a route with patterns, through the store
    const uk = await store.getRoute('uk-callers');

    // Assess: loaded, and the route answers by its pattern
    expect(patternEngineLoaded()).toBe(true);
    const request = normalizePivotRequest(
      httpRequestFrom(pivotEventV2({ as: 'get', route: 'uk-callers', params: kazooParams({ 'Caller-ID-Number': '+442071234567' }) })),
    );
    const decision = decideEntry({
      route: uk!,
      request,
      now: new Date('2026-12-01T12:00:00Z'),
      pivotBack: pivotBackFor(request, 'https://example.invalid/pivot/uk-callers', () => ({})),
    });
    expect(decision.outcome).toEqual({ kind: 'rule', rule: 'uk' });
    expect(decision.node).toEqual(HANGUP);
  });

  it.each([
    ['a route without patterns', PLAIN, false],
    ['callerId patterns', WITH_PATTERNS, true],
    ['an IVR option pattern', { steps: { menu: { options: [{ pattern: '^\\d$', then: HANGUP }] } } }, true],
    ['the JSON text of a route with patterns', JSON.stringify(WITH_PATTERNS), true],
    ['a versioned item holding a route with patterns as text', { document: JSON.stringify(WITH_PATTERNS), version: 3 }, true],
    ['nesting far deeper than any route', nested(50_000), false],
  ])('tells whether %s may hold patterns', (_label, document, expected) => {
    // Act / Assess
    expect(mayHoldPatterns(document)).toBe(expected);
  });
});

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}
