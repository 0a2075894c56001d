import { BlockList, isIP } from 'node:net';

/**
 * The optional allowlist of source addresses (Kazoo's egress): when set, a
 * request from any other address is refused before its token is checked or
 * anything is read. It narrows who can even try a leaked URL; it proves nothing
 * on its own (addresses are shared, NAT'd, and API Gateway's sourceIp is the
 * TCP peer, so a proxy in front would hide the caller).
 */
export type SourceAllowlist = {
  /** The CIDRs as given, normalised (`203.0.113.7` → `203.0.113.7/32`). */
  readonly cidrs: readonly string[];
  allows(sourceIp: string | undefined): boolean;
};

type Cidr = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/**
 * A comma-separated list (or a list) of IPv4 and IPv6 CIDRs; a bare address is
 * that one address. Blank entries are ignored; an empty list means no allowlist.
 * Throws an Error naming the first entry that is not a CIDR.
 */
export function parseSourceCidrs(given: string | readonly string[]): string[] {
  const entries = typeof given === 'string' ? given.split(',') : given;
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const cidr = cidrOf(entry);
      if (!cidr) {
        throw new Error(`"${entry}" is not an IPv4 or IPv6 CIDR (address/prefix, e.g. 203.0.113.0/24 or 2001:db8::/32)`);
      }
      return `${cidr.address}/${cidr.prefix}`;
    });
}

/** The allowlist for these CIDRs (see parseSourceCidrs), or undefined when there are none: every source is let in. */
export function sourceAllowlist(given: string | readonly string[] | undefined): SourceAllowlist | undefined {
  const cidrs = given === undefined ? [] : parseSourceCidrs(given);
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const { address, prefix, family } of cidrs.map((cidr) => cidrOf(cidr)!)) list.addSubnet(address, prefix, family);
  return {
    cidrs,
    // BlockList matches an IPv4-mapped IPv6 address (::ffff:203.0.113.7) against IPv4 ranges too.
    allows: (sourceIp) => {
      const family = sourceIp === undefined ? 0 : isIP(sourceIp);
      return family !== 0 && list.check(sourceIp!, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

function cidrOf(entry: string): Cidr | undefined {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: bits, family: version === 4 ? 'ipv4' : 'ipv6' };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= bits ? { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' } : undefined;
}
