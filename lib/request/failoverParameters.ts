import * as z from 'zod';
import { InvalidRequestError } from '../errors';

/**
 * The two voice_url parameters of a multi-region pivot chain (`npm run rules -- url <route> --kazoo`):
 * `failover` is the next region's URL for the same route (no query), where an IVR
 * step's follow-up goes when this region stops answering; `hop` counts how many
 * `_` failovers brought the request here (absent: 0, the primary). Both are the
 * voice_url's own, never call data.
 */
export const FAILOVER_PARAMETERS = { failover: 'failover', hop: 'hop' } as const;

export const failoverSchema = z.object({
  /** The next region's route URL, when this voice_url names one. */
  next: z.string().optional(),
  hop: z.number().int().min(0),
});
export type Failover = z.infer<typeof failoverSchema>;

const MAX_HOP = 9;

/** Reads the failover parameters; a malformed one is the operator's voice_url at fault: 400 naming it. */
export function failoverOf(failover: string | undefined, hop: string | undefined): Failover {
  return { next: failover === undefined || failover === '' ? undefined : failoverUrl(failover), hop: hopOf(hop) };
}

function failoverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidRequestError('failover must be an absolute http(s) URL', FAILOVER_PARAMETERS.failover);
  }
  // A plain route URL: its query is ours to write (token, step, signature), and Kazoo would drop credentials on GET.
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new InvalidRequestError(
      'failover must be an http(s) route URL without credentials, query or fragment',
      FAILOVER_PARAMETERS.failover,
    );
  }
  return url.toString();
}

function hopOf(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  if (!/^\d$/.test(text) || Number(text) > MAX_HOP)
    throw new InvalidRequestError(`hop must be a number from 0 to ${MAX_HOP}`, FAILOVER_PARAMETERS.hop);
  return Number(text);
}
