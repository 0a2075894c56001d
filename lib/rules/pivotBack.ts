import { FAILOVER_PARAMETERS } from '../request/failoverParameters';
import type { PivotRequest } from '../request/pivotRequest';

/**
 * How an IVR step's answer calls us back: the same route URL with the step's
 * credentials in the query string (open-source Kazoo can send no header), and
 * the same method, request format and body format the incoming request used.
 */
export type PivotBack = {
  method: 'get' | 'post';
  reqFormat: 'kazoo' | 'twiml';
  reqBodyFormat: 'form' | 'json';
  voiceUrlFor(step: string): string;
  /**
   * The same follow-up in the next region of a multi-region chain (the request's
   * `failover`), with one more `hop`; absent when the voice_url names no next region.
   */
  failoverUrlFor?(step: string): string;
};

/**
 * The query string a step's follow-up URL carries: the route's token, the step,
 * and a signature binding them to this call (made by lib/pivot/routeCredentials.ts,
 * which the use case hands in so these rules never hold a key).
 */
export type FollowUpQuery = (step: string) => Record<string, string>;

export function pivotBackFor(request: PivotRequest, routeUrl: string, followUpQuery: FollowUpQuery): PivotBack {
  const next = request.failover.next;
  return {
    method: request.method === 'POST' ? 'post' : 'get',
    reqFormat: request.dialect,
    reqBodyFormat: request.bodyFormat === 'json' ? 'json' : 'form',
    voiceUrlFor(step) {
      return `${routeUrl}?${new URLSearchParams(followUpQuery(step)).toString()}`;
    },
    ...(next && {
      failoverUrlFor(step: string) {
        const query = { ...followUpQuery(step), [FAILOVER_PARAMETERS.hop]: String(request.failover.hop + 1) };
        return `${next}?${new URLSearchParams(query).toString()}`;
      },
    }),
  };
}
