import { beforeEach, describe, expect, it, jest } from '@jest/globals';

/**
 * "No early exit by length": whatever the given token's length, verifyToken hashes
 * both sides and makes exactly one timingSafeEqual call on two 32-byte digests. Node's
 * crypto is wrapped (not replaced) to watch the calls; the comparison stays real.
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

const { verifyToken } = await import('../../lib/pivot/verifyToken');
const { AuthError } = await import('../../lib/errors');

const SECRET = 'a-secret-of-32-characters-long!!';

function attempt(given: string | undefined): string {
  try {
    verifyToken(given, SECRET);
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

describe('verifyToken compares digests, never the raw tokens', () => {
  it.each([
    ['the right token', SECRET, 'ok'],
    ['equal length, wrong', `${SECRET.slice(0, -1)}X`, 'invalid_token'],
    ['one character', 'a', 'invalid_token'],
    ['a prefix', SECRET.slice(0, 8), 'invalid_token'],
    ['longer by one', `${SECRET}!`, 'invalid_token'],
    ['ten kilobytes', 'x'.repeat(10_240), 'invalid_token'],
  ])('%s: two sha256 digests, one constant-time comparison of 32 bytes each', (_label, given, reason) => {
    // Act
    const outcome = attempt(given);

    // Assess
    expect(outcome).toBe(reason);
    expect(seen.hashes).toEqual(['sha256', 'sha256']);
    expect(seen.comparisons).toEqual([[32, 32]]);
  });

  it('stops before hashing only when there is no token at all (which says nothing about the secret)', () => {
    // Act
    const outcome = attempt(undefined);

    // Assess
    expect(outcome).toBe('missing_token');
    expect(seen.comparisons).toEqual([]);
  });
});
