import { isLoopbackHost } from '../../lib/callflow/modules/reachableUrl';

/**
 * Whether a request may see the console: it comes from this machine and asks
 * for this machine by name. The address alone is not enough: a tunnel (PUBLIC_URL)
 * connects from loopback on a stranger's behalf, but carries the public Host;
 * the Host check also turns away DNS-rebinding pages.
 */
export function isConsoleClient(sourceIp: string, hostHeader: string | undefined): boolean {
  if (!(sourceIp === '::1' || sourceIp.startsWith('127.'))) return false;
  if (!hostHeader) return false;
  try {
    return isLoopbackHost(new URL(`http://${hostHeader}`).hostname);
  } catch {
    return false;
  }
}
