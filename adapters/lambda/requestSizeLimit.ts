import type { MiddlewareObj } from '@middy/core';
import { RequestTooLargeError } from '../../lib/errors';

type SizedEvent = { body?: unknown; rawQueryString?: string; multiValueQueryStringParameters?: Record<string, string[] | undefined> | null; isBase64Encoded?: boolean };

/**
 * Refuses an oversized body (413) or query string (414) before any parser
 * touches it. Kazoo's requests are a few hundred bytes; megabytes are hostile.
 */
export function requestSizeLimit(limits: () => { maxBodyBytes: number; maxQueryBytes: number }): MiddlewareObj<SizedEvent> {
  return {
    before: ({ event }) => {
      const { maxBodyBytes, maxQueryBytes } = limits();
      if (typeof event.body === 'string') {
        // base64 inflates by 4/3; compare the decoded size the parser would see.
        const bytes = event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body);
        if (bytes > maxBodyBytes) throw new RequestTooLargeError('body', maxBodyBytes);
      }
      const query = event.rawQueryString ?? JSON.stringify(event.multiValueQueryStringParameters ?? '');
      if (query.length > maxQueryBytes) throw new RequestTooLargeError('query', maxQueryBytes);
    },
  };
}
