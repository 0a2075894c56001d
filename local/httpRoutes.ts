/**
 * The stack's routes (infra/PivotHttpApi.ts), matched the way API Gateway does:
 * method and path must both match, `{route}` is one path segment, anything else
 * is API Gateway's own 404.
 */
export type LocalTarget = 'pivot' | 'cdr' | 'health';

export type MatchedRoute = { target: LocalTarget; routeKey: string; pathParameters?: Record<string, string> };

const ROUTES: { method: string; pattern: RegExp; routeKey: string; target: LocalTarget }[] = [
  { method: 'GET', pattern: /^\/pivot\/([^/]+)$/, routeKey: 'GET /pivot/{route}', target: 'pivot' },
  { method: 'POST', pattern: /^\/pivot\/([^/]+)$/, routeKey: 'POST /pivot/{route}', target: 'pivot' },
  { method: 'POST', pattern: /^\/pivot\/([^/]+)\/cdr$/, routeKey: 'POST /pivot/{route}/cdr', target: 'cdr' },
  { method: 'GET', pattern: /^\/health$/, routeKey: 'GET /health', target: 'health' },
];

export function matchRoute(method: string, rawPath: string): MatchedRoute | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    const segment = match[1];
    return {
      target: route.target,
      routeKey: route.routeKey,
      ...(segment !== undefined && { pathParameters: { route: decodeSegment(segment) } }),
    };
  }
  return undefined;
}

// API Gateway hands path parameters over decoded; a malformed escape stays as sent.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
