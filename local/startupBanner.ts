import { CLOCK_ENV, CLOCK_HEADER } from './localClock';
import { LOCAL_ROUTE_KEY } from './localRouteKey';
import type { LocalServer } from './startLocalServer';
import { MOCK_CRM_CALLERS } from './mockCrm';

const SAMPLE_CALLER = '%2B14155550123';
const SAMPLE_DIALED = '%2B12125550100';

/** What `npm start` prints: where the routes are (each with its own token), and two requests that answer a callflow. */
export function startupBanner(server: LocalServer, options: { clockOverride?: Date } = {}): string {
  const { url, publicUrl } = server;
  const query = (route: string) => `?token=${encodeURIComponent(server.tokenFor(route))}`;
  const voiceUrl = (route: string) => `${publicUrl}/pivot/${route}${query(route)}`;
  const localUrl = (route: string) => `${url}/pivot/${route}${query(route)}`;
  // Every route in the table: with --persist, those pushed in earlier sessions too, not only the examples.
  const routes = [...new Set([...server.examples.stored, ...server.examples.loaded, ...server.examples.kept])].sort();
  const width = Math.max(...routes.map((r) => r.length), 'health'.length);
  const first = routes.includes('main-number') ? 'main-number' : (routes[0] ?? 'main-number');
  const clock = options.clockOverride
    ? `${options.clockOverride.toISOString()} (${CLOCK_ENV}); a ${CLOCK_HEADER} header still wins`
    : `system clock; try another instant with an ${CLOCK_HEADER}: <ISO instant> header or ${CLOCK_ENV}=<ISO instant>`;
  // Never the key itself: every route's token derives from it.
  const key =
    server.routeKeys.current === LOCAL_ROUTE_KEY
      ? 'the public local key: each route has its own token (set PIVOT_ROUTE_KEY to choose another key)'
      : `PIVOT_ROUTE_KEY${server.routeKeys.previous ? ' (PIVOT_ROUTE_KEY_PREVIOUS also accepted)' : ''}: each route has its own token`;

  const lines = [
    `Kazoo Pivot (local): the real handlers on an embedded DynamoDB, ${server.persisted ? 'kept in .local-data/' : 'in memory'}`,
    `  route key ${key}`,
    `  DynamoDB  ${server.dynamoEndpoint}  table ${server.tableName}  (npm run rules -- … --endpoint ${server.dynamoEndpoint} --table ${server.tableName})`,
    `  clock     ${clock}`,
    `  mock CRM  ${server.mockCrm.url}/customers?phone=…  (crm-vip's lookup; gold caller +${MOCK_CRM_CALLERS.gold}, slow +${MOCK_CRM_CALLERS.slow}, down +${MOCK_CRM_CALLERS.down})`,
    '',
    `Pivot URLs (for a real Kazoo, which refuses loopback voice_urls, set PUBLIC_URL to a reachable origin):`,
    ...routes.map((r) => `  ${r.padEnd(width)}  ${voiceUrl(r)}`),
    `  ${'cdr_url'.padEnd(width)}  ${publicUrl}/pivot/<route>/cdr?token=<that route's token>`,
    `  ${'health'.padEnd(width)}  ${url}/health`,
    `  any route's URLs: npm run rules -- url <route> --base ${publicUrl} --endpoint ${server.dynamoEndpoint}`,
    ...skippedLines(server),
    '',
    'Try it:',
    `  curl '${localUrl(first)}&Call-ID=test-1&Caller-ID-Number=${SAMPLE_CALLER}'`,
    `  curl -X POST -H '${CLOCK_HEADER}: 2026-11-24T17:00:00Z' -d 'Call-ID=test-2&Caller-ID-Number=${SAMPLE_CALLER}&To=${SAMPLE_DIALED}' '${localUrl(first)}'`,
    `  npm run call -- --route sales-support --digits 1`,
    `  ${url}/console  (each route's week, IVR graph and a call form; the last calls' timelines)`,
    '',
    'Ctrl-C stops the server.',
  ];
  return lines.join('\n');
}

function skippedLines(server: LocalServer): string[] {
  if (server.examples.skipped.length === 0) return [];
  return ['', 'Not loaded (invalid):', ...server.examples.skipped.map((s) => `  examples/${s.file}: ${s.reason}`)];
}
