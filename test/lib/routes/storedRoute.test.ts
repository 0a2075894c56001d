import { describe, expect, it } from '@jest/globals';
import type { RouteValidationError } from '../../../lib/errors';
import { CachedRouteVersions } from '../../../lib/routes/pinnedRouteVersions';
import { routeForFollowUp, routeForNewCall } from '../../../lib/routes/routeVersionChoice';
import { CachedRulesStore, type RouteSource } from '../../../lib/routes/rulesStore';
import { parseStoredRoute, VersionedDocument } from '../../../lib/routes/storedRoute';

const HANGUP = { module: 'hangup', data: {} };
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const route = (description: string, extra: Record<string, unknown> = {}) => ({
  id: 'r',
  timezone: 'UTC',
  description,
  rules: [{ name: 'all', then: VOICEMAIL }],
  fallback: HANGUP,
  ...extra,
});

describe('parseStoredRoute', () => {
  it('attaches the live version and the draft, each parsed', () => {
    // Act
    const parsed = parseStoredRoute(new VersionedDocument(route('live'), 4, { document: route('draft'), version: 5 }), 'r');

    // Assess
    expect(parsed).toMatchObject({ description: 'live', version: 4, draft: { description: 'draft', version: 5 } });
  });

  it('drops an invalid draft (reporting it) but serves the live version', () => {
    // Prepare
    const reported: RouteValidationError[] = [];

    // Act
    const parsed = parseStoredRoute(
      new VersionedDocument(route('live'), 4, { document: { ...route('draft'), timezone: 'Mars/Base' }, version: 5 }),
      'r',
      undefined,
      (e) => reported.push(e),
    );

    // Assess
    expect(parsed.draft).toBeUndefined();
    expect(reported[0]?.issues).toEqual([{ path: 'timezone', message: '"Mars/Base" is not an IANA time zone' }]);
  });
});

describe('choosing the version a request runs', () => {
  const live = parseStoredRoute(
    new VersionedDocument(route('live'), 1, { document: route('draft', { testCallers: ['+1 (415) 555-0123'] }), version: 2 }),
    'r',
  );

  it('gives the draft to a listed caller however the number is written, the live version to others and to callers without a number', () => {
    // Act / Assess
    expect(routeForNewCall(live, '14155550123').description).toBe('draft');
    expect(routeForNewCall(live, '+14155550124').description).toBe('live');
    expect(routeForNewCall(live, undefined).description).toBe('live');
  });

  it('reads a pinned older version once, then from memory; a missing one is gone', async () => {
    // Prepare
    const reads: number[] = [];
    const versions = new CachedRouteVersions({
      fetchRouteVersion: async (_id, n) => {
        reads.push(n);
        return n === 0 ? undefined : route(`v${n}`);
      },
    });

    // Act
    const first = await routeForFollowUp(live, 7, versions);
    const again = await routeForFollowUp(live, 7, versions);
    const draft = await routeForFollowUp(live, 2, versions);
    const gone = await routeForFollowUp(live, 0, versions);

    // Assess
    expect(first).toMatchObject({ route: { description: 'v7', version: 7 } });
    expect(again).toMatchObject({ route: { description: 'v7' } });
    expect(draft).toMatchObject({ route: { description: 'draft' } });
    expect(gone).toEqual({ gone: 0 });
    expect(reads).toEqual([7, 0]);
  });
});

describe('CachedRulesStore: a route that turns invalid', () => {
  it('keeps serving the last valid copy in full (its rules, not only its fallback)', async () => {
    // Prepare
    let stored: unknown = JSON.stringify(route('good'));
    const source: RouteSource = { fetchRouteDocument: async () => stored };
    let now = 0;
    const store = new CachedRulesStore(source, { ttlMs: 10, now: () => now });
    await store.getRoute('r');
    stored = JSON.stringify({ ...route('bad'), rules: 'all of them' });
    now = 100;

    // Act
    const served = await store.getRoute('r');

    // Assess
    expect(served?.description).toBe('good');
    expect(served?.rules[0]?.then).toEqual(VOICEMAIL);
  });
});
