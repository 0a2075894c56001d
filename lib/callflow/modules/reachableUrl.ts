/**
 * URLs Kazoo will call out to (pivot voice_url, webhook uri, record_call url).
 * Their schema entries carry `kazoo-validation`: beyond the schema, Kazoo
 * requires a URL it can parse and, by default, refuses loopback targets. A
 * pivot answer pointing at such a URL would fail on the live call, so it is
 * refused here even though a plain schema validator would let it through.
 */
import * as z from 'zod';

// Hostnames as WHATWG URL normalises them: 0x7f000001 and 2130706433 become
// 127.0.0.1, and an IPv4-mapped IPv6 loopback becomes [::ffff:7f00:1].
const LOOPBACK_HOST = /^(localhost\.?|.+\.localhost\.?|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i;

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

let loopbackAllowed = false;

/**
 * For `npm start` only: the local server and the call simulator live on
 * loopback, so their IVR prompts must pivot back to it. A real Kazoo never
 * talks to them. The deployed functions never call this (a test checks).
 */
export function allowLoopbackUrlsForLocalRuns(): void {
  loopbackAllowed = true;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

function urlProblem(value: string): string | undefined {
  // The schema's own pattern, case-sensitive like Kazoo's.
  if (!/^https?:\/\//.test(value)) return 'must start with http:// or https://';
  const url = parseHttpUrl(value);
  if (!url) return 'must be a valid http(s) URL';
  if (!loopbackAllowed && isLoopbackHost(url.hostname)) return 'must not point at a loopback host (Kazoo refuses it)';
  return undefined;
}

export const reachableHttpUrl = z.string().superRefine((value, ctx) => {
  const problem = urlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});
