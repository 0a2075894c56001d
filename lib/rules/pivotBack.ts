import type { PivotRequest } from '../request/pivotRequest';

/**
 * How an IVR step's answer calls us back: the same route URL with the step and the
 * token in the query string (open-source Kazoo can send no header), and the same
 * method, request format and body format the incoming request used.
 */
export type PivotBack = {
  method: 'get' | 'post';
  reqFormat: 'kazoo' | 'twiml';
  reqBodyFormat: 'form' | 'json';
  voiceUrlFor(step: string): string;
};

export function pivotBackFor(request: PivotRequest, routeUrl: string): PivotBack {
  return {
    method: request.method === 'POST' ? 'post' : 'get',
    reqFormat: request.dialect,
    reqBodyFormat: request.bodyFormat === 'json' ? 'json' : 'form',
    voiceUrlFor(step) {
      const query = new URLSearchParams();
      if (request.token !== undefined) query.set('token', request.token);
      query.set('step', step);
      return `${routeUrl}?${query.toString()}`;
    },
  };
}
