import { BlockList, isIP } from 'node:net';
import { OutboundFetchError } from '../errors';
import { parseSourceCidrs } from '../http/sourceAllowlist';

/**
 * Where a route may send a request. A route is written by an operator's tenant;
 * without these rules a lookup URL could read the instance metadata service
 * (169.254.169.254), the VPC or the function's own loopback. The resolved address
 * is judged, not the host name: `metadata.attacker.example` resolving to
 * 169.254.169.254 is refused like the address itself.
 */
export type OutboundAddressRules = {
  /** Plain http:// URLs; off unless the operator turns it on (OUTBOUND_ALLOW_HTTP). */
  allowHttp: boolean;
  /** Addresses allowed although they are loopback, link-local or private (OUTBOUND_ALLOWED_CIDRS). */
  allowedCidrs: readonly string[];
};

export const STRICT_ADDRESS_RULES: OutboundAddressRules = { allowHttp: false, allowedCidrs: [] };

/** Ranges no lookup reaches unless allowed by CIDR: loopback, link-local, private, CGNAT, multicast, reserved. */
const FORBIDDEN: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  // NAT64 and 6to4 embed an IPv4 address that may be a private one.
  ['64:ff9b::', 96, 'ipv6'],
  ['2002::', 16, 'ipv6'],
];

const forbidden = new BlockList();
for (const [address, prefix, family] of FORBIDDEN) forbidden.addSubnet(address, prefix, family);

export type AddressJudge = {
  readonly rules: OutboundAddressRules;
  /** Throws OutboundFetchError('refused-address') for a URL whose scheme, credentials or literal address are refused. */
  checkUrl(url: URL): void;
  /** Throws OutboundFetchError('refused-address') for a resolved address in a refused range. */
  checkAddress(address: string, host: string): void;
};

/** Throws an Error naming the entry when a CIDR is malformed (the environment is checked at start). */
export function addressJudge(rules: OutboundAddressRules): AddressJudge {
  const allowed = new BlockList();
  for (const cidr of parseSourceCidrs(rules.allowedCidrs)) {
    const [address, prefix] = cidr.split('/') as [string, string];
    allowed.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  const judge: AddressJudge = {
    rules,
    checkUrl(url) {
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowHttp)) {
        throw new OutboundFetchError(
          'refused-address',
          `${url.protocol}// URLs are refused (${url.host}): use https, or allow http explicitly`,
        );
      }
      if (url.username || url.password) {
        throw new OutboundFetchError('refused-address', `credentials in the URL are refused (${url.host}): name a secret instead`);
      }
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) !== 0) judge.checkAddress(literal, url.host);
    },
    checkAddress(address, host) {
      const family = isIP(address);
      if (family === 0) throw new OutboundFetchError('refused-address', `${host} resolved to something that is not an address`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      // BlockList matches an IPv4-mapped IPv6 address (::ffff:10.0.0.1) against the IPv4 ranges too.
      if (forbidden.check(address, type) && !allowed.check(address, type)) {
        throw new OutboundFetchError('refused-address', `${host} is a loopback, link-local or private address (${address}); refused`);
      }
    },
  };
  return judge;
}

/** The host and path of a URL, for logs and error messages: never its query string or credentials. */
export function describeUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
