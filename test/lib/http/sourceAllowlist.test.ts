import { describe, expect, it } from '@jest/globals';
import { parseSourceCidrs, sourceAllowlist } from '../../../lib/http/sourceAllowlist';

describe('sourceAllowlist', () => {
  const allowlist = sourceAllowlist('203.0.113.0/24, 2001:db8:a0::/48')!;

  it.each([
    ['an IPv4 address in the range', '203.0.113.7', true],
    ['an IPv4 address outside it', '198.51.100.7', false],
    ['an IPv6 address in the range', '2001:db8:a0::17', true],
    ['an IPv6 address outside it', '2001:db8:b0::17', false],
    ['an IPv4-mapped IPv6 address in the IPv4 range', '::ffff:203.0.113.7', true],
    ['an IPv4-mapped IPv6 address outside it', '::ffff:198.51.100.7', false],
    ['no address at all', undefined, false],
    ['something that is not an address', 'kazoo.example.com', false],
  ])('%s: %s', (_label, sourceIp, allowed) => {
    // Act
    const verdict = allowlist.allows(sourceIp);

    // Assess
    expect(verdict).toBe(allowed);
  });

  it('is off when nothing is listed', () => {
    // Assess
    expect(sourceAllowlist(undefined)).toBeUndefined();
    expect(sourceAllowlist(' , ')).toBeUndefined();
    expect(sourceAllowlist([])).toBeUndefined();
  });

  it('reads a bare address as that one address', () => {
    // Act
    const single = sourceAllowlist(['203.0.113.7'])!;

    // Assess
    expect(single.cidrs).toEqual(['203.0.113.7/32']);
    expect([single.allows('203.0.113.7'), single.allows('203.0.113.8')]).toEqual([true, false]);
  });

  it.each(['203.0.113.0/33', '2001:db8::/129', '203.0.113/24', 'kazoo.example.com', '10.0.0.0/8/8', '10.0.0.0/x'])(
    'refuses %j, naming it',
    (entry) => {
      // Act
      const attempt = () => parseSourceCidrs(`203.0.113.0/24,${entry}`);

      // Assess
      expect(attempt).toThrow(`"${entry}" is not an IPv4 or IPv6 CIDR`);
    },
  );
});
