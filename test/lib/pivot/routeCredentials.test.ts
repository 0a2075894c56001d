import { describe, expect, it } from '@jest/globals';
import { AuthError, FollowUpRefusedError } from '../../../lib/errors';
import {
  followUpExpiry,
  followUpQuery,
  followUpSignature,
  routeKeysSchema,
  routeToken,
  verifyFollowUp,
  verifyRouteToken,
  type FollowUpClaim,
  type RouteKeys,
} from '../../../lib/pivot/routeCredentials';

const OLD_KEY = 'old-route-key-0123456789abcdef';
const NEW_KEY = 'new-route-key-0123456789abcdef';
const NOW = new Date('2026-11-24T17:00:00Z');
const NOW_S = NOW.getTime() / 1000;

function tokenVerdict(given: string | undefined, routeId: string, keys: RouteKeys): string {
  try {
    verifyRouteToken(given, routeId, keys);
    return 'ok';
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return error.reason;
  }
}

function followUpVerdict(given: { exp?: string; sig?: string }, claim: FollowUpClaim, keys: RouteKeys, now = NOW): string {
  try {
    verifyFollowUp(given, claim, keys, now);
    return 'ok';
  } catch (error) {
    if (!(error instanceof FollowUpRefusedError)) throw error;
    return error.reason;
  }
}

function oneCharacterOff(text: string): string {
  return `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`;
}

describe('route tokens', () => {
  it('are 32 URL-safe characters, the same every time, different for every route and every key', () => {
    // Act
    const tokens = [routeToken(NEW_KEY, 'main-number'), routeToken(NEW_KEY, 'sales-support'), routeToken(OLD_KEY, 'main-number')];

    // Assess
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(tokens).size).toBe(3);
    expect(routeToken(NEW_KEY, 'main-number')).toBe(tokens[0]);
  });

  it.each([
    ["the route's own token", routeToken(NEW_KEY, 'main-number'), 'ok'],
    ["another route's token", routeToken(NEW_KEY, 'sales-support'), 'invalid_token'],
    ["a token of a route whose id extends this one's", routeToken(NEW_KEY, 'main-number-2'), 'invalid_token'],
    ['a token under another key', routeToken('another-key-0123456789abcdef', 'main-number'), 'invalid_token'],
    ['no token', undefined, 'missing_token'],
    ['an empty token', '', 'missing_token'],
  ])('open only their own route: %s', (_label, given, verdict) => {
    // Act / Assess
    expect(tokenVerdict(given, 'main-number', { current: NEW_KEY })).toBe(verdict);
  });

  it("accept the previous key's tokens during a rotation, and stop once it is removed", () => {
    // Prepare
    const oldToken = routeToken(OLD_KEY, 'main-number');
    const newToken = routeToken(NEW_KEY, 'main-number');

    // Act
    const before = tokenVerdict(oldToken, 'main-number', { current: OLD_KEY });
    const during = [oldToken, newToken].map((t) => tokenVerdict(t, 'main-number', { current: NEW_KEY, previous: OLD_KEY }));
    const after = [oldToken, newToken].map((t) => tokenVerdict(t, 'main-number', { current: NEW_KEY }));

    // Assess
    expect(before).toBe('ok');
    expect(during).toEqual(['ok', 'ok']);
    expect(after).toEqual(['invalid_token', 'ok']);
  });
});

describe('follow-up signatures', () => {
  const claim: FollowUpClaim = { routeId: 'account-pin', callId: 'call-1@10.0.0.12', step: 'account' };
  const exp = followUpExpiry(NOW, 3600);
  const signed = (key = NEW_KEY, c: FollowUpClaim = claim, e = exp) => ({ exp: String(e), sig: followUpSignature(key, c, e) });

  it('expire the given number of seconds after the answer that made them', () => {
    // Assess
    expect(exp).toBe(NOW_S + 3600);
  });

  it('go into the URL with the route token, made with the current key', () => {
    // Act
    const query = followUpQuery({ current: NEW_KEY, previous: OLD_KEY }, { routeId: 'account-pin', callId: claim.callId }, exp)('account');

    // Assess
    expect(query).toEqual({ token: routeToken(NEW_KEY, 'account-pin'), step: 'account', exp: String(exp), sig: signed().sig });
    expect(Object.keys(query)).toEqual(['token', 'step', 'exp', 'sig']);
  });

  it.each([
    ['the signature made for this call', signed(), claim, 'ok'],
    ['a signature for another Call-ID', signed(NEW_KEY, { ...claim, callId: 'call-2@10.0.0.12' }), claim, 'forged'],
    ['a signature for another route', signed(NEW_KEY, { ...claim, routeId: 'sales-support' }), claim, 'forged'],
    ['a signature for another step', signed(NEW_KEY, { ...claim, step: 'pin' }), claim, 'forged'],
    ['a later expiry than the one signed', { ...signed(), exp: String(exp + 86_400) }, claim, 'forged'],
    ['a signature under another key', signed('another-key-0123456789abcdef'), claim, 'forged'],
    ['a signature one character off', { ...signed(), sig: oneCharacterOff(signed().sig) }, claim, 'forged'],
    ['no signature', { exp: String(exp) }, claim, 'unsigned'],
    ['no expiry', { sig: signed().sig }, claim, 'unsigned'],
    ['an expiry that is not a number of seconds', { ...signed(), exp: '1e12' }, claim, 'forged'],
  ])('refuse anything but the URL we signed: %s', (_label, given, against, verdict) => {
    // Act / Assess
    expect(followUpVerdict(given, against, { current: NEW_KEY })).toBe(verdict);
  });

  it('cannot be moved between fields: a Call-ID holding a separator signs nothing else', () => {
    // Prepare: the naive message "route\ncall\nstep" would read these two claims alike
    const crafted: FollowUpClaim = { routeId: 'account-pin', callId: 'call-1\npin', step: 'account' };
    const target: FollowUpClaim = { routeId: 'account-pin', callId: 'call-1', step: 'pin\naccount' };

    // Act / Assess
    expect(followUpVerdict(signed(NEW_KEY, crafted), target, { current: NEW_KEY })).toBe('forged');
  });

  it('expire: accepted until the second before, refused from the second of expiry on', () => {
    // Act
    const justBefore = followUpVerdict(signed(), claim, { current: NEW_KEY }, new Date((exp - 1) * 1000));
    const atExpiry = followUpVerdict(signed(), claim, { current: NEW_KEY }, new Date(exp * 1000));
    const dayAfter = followUpVerdict(signed(), claim, { current: NEW_KEY }, new Date((exp + 86_400) * 1000));

    // Assess
    expect([justBefore, atExpiry, dayAfter]).toEqual(['ok', 'expired', 'expired']);
  });

  it("accept the previous key's signatures during a rotation, and stop once it is removed", () => {
    // Act
    const during = followUpVerdict(signed(OLD_KEY), claim, { current: NEW_KEY, previous: OLD_KEY });
    const after = followUpVerdict(signed(OLD_KEY), claim, { current: NEW_KEY });

    // Assess
    expect([during, after]).toEqual(['ok', 'forged']);
  });

  it('are refused in words that hold neither the signature nor the key', () => {
    // Prepare
    const forged = { ...signed(), sig: 'Z'.repeat(32) };

    // Act
    let message = '';
    try {
      verifyFollowUp(forged, claim, { current: NEW_KEY }, NOW);
    } catch (error) {
      message = (error as Error).message;
    }

    // Assess
    expect(message).toContain('account');
    expect(message).not.toContain(forged.sig);
    expect(message).not.toContain(NEW_KEY);
  });
});

describe('route keys', () => {
  it.each([
    ['a current key', { current: NEW_KEY }, true],
    ['current and previous', { current: NEW_KEY, previous: OLD_KEY }, true],
    ['no current key', { previous: OLD_KEY }, false],
    ['a short key', { current: 'short' }, false],
    ['a short previous key', { current: NEW_KEY, previous: 'short' }, false],
  ])('are read from the secret only when it holds %s', (_label, value, valid) => {
    // Act / Assess
    expect(routeKeysSchema.safeParse(value).success).toBe(valid);
  });
});

describe('verifyRouteToken after a key rotation (tokens are derived once per key set)', () => {
  it("stops opening a route with the retired key's token once the new key set no longer lists it", () => {
    // Prepare: the old key's token was accepted (and its digest remembered) before the rotation.
    const before = { current: 'retired-key-0123456789abcdef' };
    const oldToken = routeToken(before.current, 'main-number');
    verifyRouteToken(oldToken, 'main-number', before);
    const during = { current: 'fresh-key-0123456789abcdefgh', previous: before.current };
    const after = { current: during.current };

    // Act
    const duringRotation = () => verifyRouteToken(oldToken, 'main-number', during);
    const afterRotation = () => verifyRouteToken(oldToken, 'main-number', after);

    // Assess
    expect(duringRotation).not.toThrow();
    expect(afterRotation).toThrow(AuthError);
    expect(() => verifyRouteToken(routeToken(after.current, 'main-number'), 'main-number', after)).not.toThrow();
  });
});
