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

export function routeUrlOf(event: UrlEvent, scheme: 'https' | 'http' = 'https'): string {
  const host = event.requestContext?.domainName ?? event.headers?.['host'] ?? event.headers?.['Host'] ?? 'localhost';
  const path = event.rawPath ?? event.requestContext?.path ?? event.path ?? '/';
  return `${scheme}://${host}${path}`;
}
