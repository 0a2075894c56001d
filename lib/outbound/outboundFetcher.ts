/**
 * The one way lib reaches outside HTTP (a route's lookups, calendar feeds). The
 * adapter (adapters/outbound/nodeOutboundFetcher.ts) enforces the address rules on
 * the resolved address, the time budget and the size cap; lib sees only this.
 */
export type OutboundRequest = {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** `json` refuses a body that is not JSON; `text` returns it as received. */
  expect: 'json' | 'text';
  /** The answer is abandoned (and the socket closed) past this many bytes. */
  maxBytes: number;
  /** The answer is abandoned past this many milliseconds. */
  timeoutMs: number;
};

export type OutboundResponse = { status: number; json?: unknown; text?: string };

export interface OutboundFetcher {
  /**
   * Resolves with a 2xx answer; everything else (refused address, timeout, abort,
   * non-2xx, too large, not JSON, network) rejects with OutboundFetchError.
   */
  fetch(request: OutboundRequest, options?: { signal?: AbortSignal }): Promise<OutboundResponse>;
}
