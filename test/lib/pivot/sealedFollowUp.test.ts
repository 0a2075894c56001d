import { describe, expect, it } from '@jest/globals';
import { FollowUpRefusedError } from '../../../lib/errors';
import { followUpSignature } from '../../../lib/pivot/routeCredentials';
import { MAX_SEALED_STATE_BYTES, openFollowUp, sealFollowUp, type SealedState } from '../../../lib/pivot/sealedFollowUp';

const KEYS = { current: 'current-route-key-0123456789' };
const ROTATED = { current: 'next-route-key-9876543210ab', previous: KEYS.current };
const CLAIM = { routeId: 'account-pin', callId: 'c-1@10.0.0.1', step: 'pin' };
const NOW = new Date('2026-11-24T17:00:00Z');
const EXPIRES = NOW.getTime() / 1000 + 3600;
const STATE: SealedState = { version: 2, attempts: 1, digits: { account: '12345' }, vars: { tier: 'gold' }, path: ['account', 'pin'] };

const open = (sig: string, claim = CLAIM, keys: typeof KEYS | typeof ROTATED = KEYS, now = NOW, exp = EXPIRES) =>
  openFollowUp({ sig, exp: String(exp) }, claim, keys, now).sealed;

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof FollowUpRefusedError ? error.reason : `unexpected ${String(error)}`;
  }
}

describe('a sealed follow-up signature', () => {
  it('gives back the call state it was sealed with, for that route, call and step', () => {
    expect(open(sealFollowUp(KEYS, CLAIM, EXPIRES, STATE))).toEqual(STATE);
  });

  it('does not show the digits it carries', () => {
    // Act
    const sig = sealFollowUp(KEYS, CLAIM, EXPIRES, STATE);

    // Assess
    expect(Buffer.from(sig, 'base64url').toString('latin1')).not.toContain('12345');
    expect(sig).not.toContain('12345');
  });

  it.each([
    ['another step', { ...CLAIM, step: 'account' }],
    ['another call', { ...CLAIM, callId: 'c-2@10.0.0.1' }],
    ['another route', { ...CLAIM, routeId: 'sales-support' }],
  ])('is refused as forged on %s', (_what, claim) => {
    expect(refusal(() => open(sealFollowUp(KEYS, CLAIM, EXPIRES, STATE), claim))).toBe('forged');
  });

  it('is refused as forged when one character changes, or its expiry is moved', () => {
    // Prepare
    const sig = sealFollowUp(KEYS, CLAIM, EXPIRES, STATE);
    const tampered = `${sig.slice(0, 20)}${sig[20] === 'A' ? 'B' : 'A'}${sig.slice(21)}`;

    // Assess
    expect(refusal(() => open(tampered))).toBe('forged');
    expect(refusal(() => open(sig, CLAIM, KEYS, NOW, EXPIRES + 3600))).toBe('forged');
  });

  it('is refused as expired once its expiry has passed, and opens under the previous key during a rotation', () => {
    // Prepare
    const sig = sealFollowUp(KEYS, CLAIM, EXPIRES, STATE);

    // Assess
    expect(refusal(() => open(sig, CLAIM, KEYS, new Date((EXPIRES + 1) * 1000)))).toBe('expired');
    expect(open(sig, CLAIM, ROTATED)).toEqual(STATE);
    expect(refusal(() => open(sig, CLAIM, { current: 'an-unrelated-key-0123456789' }))).toBe('forged');
  });

  it('falls back to the plain signature when the state is too large for a URL, which still opens (carrying nothing)', () => {
    // Prepare
    const big = { ...STATE, vars: { note: 'x'.repeat(MAX_SEALED_STATE_BYTES) } };

    // Act
    const sig = sealFollowUp(KEYS, CLAIM, EXPIRES, big);

    // Assess
    expect(sig).toBe(followUpSignature(KEYS.current, CLAIM, EXPIRES));
    expect(open(sig)).toBeUndefined();
  });
});

describe('a sealed follow-up on a versioned route', () => {
  it('binds the route version: the URL ver opens only with the version it was sealed for', () => {
    // Prepare
    const sig = sealFollowUp(KEYS, { ...CLAIM, version: 3 }, EXPIRES, STATE);

    // Act
    const opened = openFollowUp({ sig, exp: String(EXPIRES), ver: '3' }, CLAIM, KEYS, NOW);
    const changed = refusal(() => openFollowUp({ sig, exp: String(EXPIRES), ver: '4' }, CLAIM, KEYS, NOW));
    const dropped = refusal(() => openFollowUp({ sig, exp: String(EXPIRES) }, CLAIM, KEYS, NOW));

    // Assess
    expect(opened).toEqual({ sealed: STATE, version: 3 });
    expect(changed).toBe('forged');
    expect(dropped).toBe('forged');
  });
});
