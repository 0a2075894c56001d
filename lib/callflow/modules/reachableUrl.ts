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

/**
 * Marks the loopback refusal among a schema's issues. It is the one rule a
 * caller may lift (see CallflowPolicy): the zod schemas are compiled once, so
 * the rule is always checked and a lenient policy drops its issues afterwards.
 */
const LOOPBACK_REFUSAL = 'loopback-url';

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/** True for the issue reachableHttpUrl raises for a loopback target, and only that one. */
export function isLoopbackRefusal(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.['refusal'] === LOOPBACK_REFUSAL;
}

export const reachableHttpUrl = z.string().superRefine((value, ctx) => {
  // The schema's own pattern, case-sensitive like Kazoo's.
  if (!/^https?:\/\//.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must start with http:// or https://', input: value });
    return;
  }
  const url = parseHttpUrl(value);
  if (!url) {
    ctx.addIssue({ code: 'custom', message: 'must be a valid http(s) URL', input: value });
  } else if (isLoopbackHost(url.hostname)) {
    const message = 'must not point at a loopback host (Kazoo refuses it)';
    ctx.addIssue({ code: 'custom', message, input: value, params: { refusal: LOOPBACK_REFUSAL } });
  }
});
