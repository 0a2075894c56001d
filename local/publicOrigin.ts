/**
 * Where IVR prompts pivot back to. On the stack that is API Gateway's domain.
 * Locally it is this server on loopback (the local runtime allows loopback
 * voice_urls, see LOCAL_CALLFLOW_POLICY in startLocalServer.ts), unless PUBLIC_URL names a
 * tunnel a real Kazoo can reach: Kazoo itself refuses loopback targets.
 */
export type PublicOrigin = { scheme: 'http' | 'https'; host: string };

export function publicOriginFor(o: { publicUrl?: string; listenHost?: string; port: number }): PublicOrigin {
  if (o.publicUrl) {
    const url = new URL(o.publicUrl);
    return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.host };
  }
  const specific = o.listenHost && !['0.0.0.0', '::', ''].includes(o.listenHost);
  return { scheme: 'http', host: `${bracketed(specific ? o.listenHost! : '127.0.0.1')}:${o.port}` };
}

/** The domain to put in an event: the public origin when one is fixed, else the Host the client used. */
export function domainNameFor(hostHeader: string | undefined, origin: PublicOrigin, fixed: boolean): string {
  return fixed || !hostHeader ? origin.host : hostHeader;
}

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
