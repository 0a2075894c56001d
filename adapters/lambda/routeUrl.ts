/**
 * This route's public URL, to pivot back to: API Gateway's domain and the path
 * the request came in on (v2 `rawPath`, v1 `path`), never the query string.
 */
type UrlEvent = {
  rawPath?: string;
  path?: string;
  headers?: Record<string, string | undefined> | null;
  requestContext?: { domainName?: string; path?: string; };
};

export function routeUrlOf(event: unknown, scheme: 'https' | 'http' = 'https'): string {
  // Every field is optional-read: the normalizer has already checked the event's shape.
  const e = (event ?? {}) as UrlEvent;
  const host = e.requestContext?.domainName ?? e.headers?.['host'] ?? e.headers?.['Host'] ?? 'localhost';
  const path = e.rawPath ?? e.requestContext?.path ?? e.path ?? '/';
  return `${scheme}://${host}${path}`;
}
