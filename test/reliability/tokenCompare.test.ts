import { beforeEach, describe, expect, it, jest } from '@jest/globals';

/**
 * "No early exit by length, none by key": whatever the given token's length,
 * verifyRouteToken hashes it and each active key's token for the route, and makes
 * one timingSafeEqual call per active key on two 32-byte digests, even after a
 * match. Follow-up signatures are compared the same way. Node's crypto is wrapped
 * (not replaced) to watch the calls; the comparison stays real.
 */
const real = await import('node:crypto');
const seen = { hashes: [] as string[], comparisons: [] as [number, number][] };

jest.unstable_mockModule('node:crypto', () => ({
  ...real,
  createHash: (algorithm: string) => {
    seen.hashes.push(algorithm);
    return real.createHash(algorithm);
  },
  timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    seen.comparisons.push([a.byteLength, b.byteLength]);
    return real.timingSafeEqual(a, b);
  },
}));

const { routeToken, verifyFollowUp, verifyRouteToken, followUpSignature } = await import('../../lib/pivot/routeCredentials');
const { AuthError, FollowUpRefusedError } = await import('../../lib/errors');

const CURRENT = 'current-key-for-compare-tests-0123';
const PREVIOUS = 'previous-key-for-compare-tests-0123';
const ROUTE = 'main-number';
const TOKEN = routeToken(CURRENT, ROUTE);

function attempt(given: string | undefined, keys: { current: string; previous?: string } = { current: CURRENT }): string {
  try {
    verifyRouteToken(given, ROUTE, keys);
    return 'ok';
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return error.reason;
  }
}

beforeEach(() => {
  seen.hashes.length = 0;
  seen.comparisons.length = 0;
});

describe('verifyRouteToken compares digests, never the raw tokens', () => {
  it.each([
    ['the right token', TOKEN, 'ok'],
    ['equal length, wrong', `${TOKEN.slice(0, -1)}X`, 'invalid_token'],
    ['one character', 'a', 'invalid_token'],
    ['a prefix', TOKEN.slice(0, 8), 'invalid_token'],
    ['longer by one', `${TOKEN}!`, 'invalid_token'],
    ['ten kilobytes', 'x'.repeat(10_240), 'invalid_token'],
  ])('%s: two sha256 digests, one constant-time comparison of 32 bytes each', (_label, given, reason) => {
    // Act
    const outcome = attempt(given);

    // Assess
    expect(outcome).toBe(reason);
    expect(seen.hashes).toEqual(['sha256', 'sha256']);
    expect(seen.comparisons).toEqual([[32, 32]]);
  });

  it.each([
    ["the current key's token", TOKEN],
    ["the previous key's token", routeToken(PREVIOUS, ROUTE)],
    ['a wrong token', 'guess'],
  ])('during a rotation, %s: compared with both keys, no early exit on a match', (_label, given) => {
    // Act
    attempt(given, { current: CURRENT, previous: PREVIOUS });

    // Assess
    expect(seen.comparisons).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });

  it('stops before hashing only when there is no token at all (which says nothing about the key)', () => {
    // Act
    const outcome = attempt(undefined);

    // Assess
    expect(outcome).toBe('missing_token');
    expect(seen.comparisons).toEqual([]);
  });
});

describe('verifyFollowUp compares signature digests the same way', () => {
  const claim = { routeId: 'account-pin', callId: 'call-1', step: 'account' };
  const exp = 4_102_444_800;
  const now = new Date('2026-11-24T17:00:00Z');

  it.each([
    ['the right signature', followUpSignature(CURRENT, claim, exp), 'ok'],
    ['a forged signature', 'A'.repeat(32), 'forged'],
    ['a ten-kilobyte signature', 'x'.repeat(10_240), 'forged'],
  ])('%s: one constant-time comparison of two 32-byte digests', (_label, sig, reason) => {
    // Act
    let outcome = 'ok';
    try {
      verifyFollowUp({ exp: String(exp), sig }, claim, { current: CURRENT }, now);
    } catch (error) {
      if (!(error instanceof FollowUpRefusedError)) throw error;
      outcome = error.reason;
    }

    // Assess
    expect(outcome).toBe(reason);
    expect(seen.comparisons).toEqual([[32, 32]]);
  });
});
