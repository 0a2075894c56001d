import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPivotHandler } from '../../functions/pivot';
import { nodeOutboundFetcher } from '../../adapters/outbound/nodeOutboundFetcher';
import { CalendarFeeds, FEED_FIRST_WAIT_MS, feedFingerprint } from '../../lib/calendar/calendarFeeds';
import { OutboundCache } from '../../lib/outbound/outboundCache';
import type { CalendarFeed } from '../../lib/rules/outsideData';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';
import { printReport, report } from '../reliability/support/answers';

type Mode = 'ok' | 'slow' | 'broken' | 'down';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/calendars/${name}`, import.meta.url), 'utf8');
const FEEDS: Record<string, string> = { google: fixture('google-closures.ics'), outlook: fixture('outlook-support.ics') };
const SLOW_MS = 1_200;

let feedServer: Server;
let feedBase: string;
const modes = new Map<string, Mode>();
const served: string[] = [];
let cacheNow = 0;
let setup: Awaited<ReturnType<typeof pivotTestRuntime>>;
let handler: ReturnType<typeof createPivotHandler>;

beforeAll(async () => {
  // Serves /<id>/<feed>.ics; each id's mode says how: the feed, slowly, garbage or 500.
  feedServer = createServer((req, res) => {
    const [, id = '', file = ''] = (req.url ?? '').split('/');
    served.push(id);
    const mode = modes.get(id) ?? 'ok';
    const feed = FEEDS[file.replace(/\.ics$/, '')] ?? '';
    if (mode === 'down') return void res.writeHead(500).end('Internal error');
    if (mode === 'broken')
      return void res.writeHead(200, { 'content-type': 'text/calendar' }).end('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026');
    const send = () => res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(feed);
    if (mode === 'slow') {
      const timer = setTimeout(send, SLOW_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    send();
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

  setup = await pivotTestRuntime({ env: { BUDGET_MS: '1500' } });
  setup.runtime.outside = {
    calendars: new CalendarFeeds({
      fetcher: nodeOutboundFetcher({ allowHttp: true, allowedCidrs: ['127.0.0.1/32'] }),
      // The cache's clock is the test's: a feed's refresh time passes when the test says so.
      cache: new OutboundCache<CalendarFeed>({ now: () => cacheNow }),
      onReport: (report) => setup.telemetry.logger.info('calendar feed', { ...report }),
    }),
  };
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
});

afterAll(async () => {
  printReport('calendar feeds: the time each case took (ms)');
  feedServer.closeAllConnections();
  await new Promise((r) => feedServer.close(r));
});

const CLOSED = { module: 'tts', data: { text: 'We are closed right now.' } };
const OPEN = { module: 'device', data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90' } };

async function route(id: string, feed: 'google' | 'outlook' = 'google'): Promise<void> {
  const document = {
    id,
    timezone: 'America/New_York',
    rules: [{ name: 'calendar-closed', when: { calendar: { url: `${feedBase}/${id}/${feed}.ics`, refreshMinutes: 5 } }, then: CLOSED }],
    fallback: OPEN,
  };
  await setup.admin.putRoute(id, JSON.stringify(document));
}

async function callAt(routeId: string, at: string) {
  setup.setNow(new Date(at));
  const started = performance.now();
  const params = kazooParams({ 'Call-ID': `cal-${Math.random()}` });
  const result = await handler(pivotEventV2({ as: 'get', params, route: routeId, voiceUrlQuery: tokenQuery(routeId) }), lambdaContext());
  const json = JSON.parse(result.body!) as { module: string };
  expect(result.statusCode).toBe(200);
  expectKazooValid(json);
  return { module: json.module, tookMs: performance.now() - started };
}

describe('pivot handler with a calendar condition: the feed decides', () => {
  it.each([
    ['google', 'the weekly all-hands at 09:30 EDT', '2026-10-26T13:30:00Z', 'tts'],
    ['google', 'the same UTC time after DST ends (08:30 EST)', '2026-11-02T13:30:00Z', 'device'],
    ['google', 'the all-hands at 09:30 EST after DST ends', '2026-11-02T14:30:00Z', 'tts'],
    ['google', 'the EXDATE Monday', '2026-11-09T14:30:00Z', 'device'],
    ['google', "New Year's Eve (all-day, New York)", '2026-12-31T17:00:00Z', 'tts'],
    ['google', "New Year's Day (yearly all-day)", '2027-01-01T17:00:00Z', 'tts'],
    ['google', 'January 2nd', '2027-01-02T17:00:00Z', 'device'],
    ['outlook', 'the stand-up at 08:35 EST', '2026-11-02T13:35:00Z', 'tts'],
    ['outlook', 'the year-end party at 23:30 EST on Dec 31', '2027-01-01T04:30:00Z', 'tts'],
    ['outlook', 'Jan 1 at 03:00 EST, after the party', '2027-01-01T08:00:00Z', 'device'],
  ] as const)('%s feed, %s (%s): answers %s', async (feed, _when, at, expected) => {
    // Prepare
    await route(`cal-${feed}`, feed);

    // Act
    const { module } = await callAt(`cal-${feed}`, at);

    // Assess
    expect(module).toBe(expected);
  });
});

describe('pivot handler with a calendar condition: the feed never holds a call up', () => {
  it('a slow feed never seen before: the call is answered without it, and the calls after it use it', async () => {
    // Prepare
    modes.set('cal-slow', 'slow');
    await route('cal-slow');

    // Act
    const first = await callAt('cal-slow', '2026-11-02T14:30:00Z');
    await new Promise((r) => setTimeout(r, SLOW_MS + 300));
    const later = await callAt('cal-slow', '2026-11-02T14:30:00Z');

    // Assess: the first call waited at most the first-fetch wait, far less than the feed took.
    report('slow feed, first call', Math.round(first.tookMs));
    report('slow feed, a call after it arrived', Math.round(later.tookMs));
    expect(first.module).toBe('device');
    expect(first.tookMs).toBeLessThan(FEED_FIRST_WAIT_MS + 500);
    expect(later.module).toBe('tts');
    expect(later.tookMs).toBeLessThan(FEED_FIRST_WAIT_MS);
  });

  it.each([
    ['malformed', 'broken'],
    ['down (500)', 'down'],
  ] as const)('a feed that goes %s after a good copy: the last good copy keeps answering', async (_what, mode) => {
    // Prepare
    const id = `cal-${mode}`;
    await route(id);
    expect((await callAt(id, '2026-11-02T14:30:00Z')).module).toBe('tts');
    modes.set(id, mode);
    cacheNow += 10 * 60_000;

    // Act: the refresh runs behind these calls and fails.
    const during = await callAt(id, '2026-11-02T14:30:00Z');
    await new Promise((r) => setTimeout(r, 200));
    const after = await callAt(id, '2026-11-02T14:30:00Z');
    const free = await callAt(id, '2026-11-02T16:30:00Z');

    // Assess
    report(`feed ${mode} after a good copy, call during the refresh`, Math.round(during.tookMs));
    expect([during.module, after.module, free.module]).toEqual(['tts', 'tts', 'device']);
    const feed = feedFingerprint(`${feedBase}/${id}/google.ics`);
    const reports = setup.telemetry.lines.filter((l) => l['message'] === 'calendar feed' && l['target'] === feed);
    expect(reports.map((r) => r['source'])).toContain('stale');
    // A Google secret address carries its secret in the path: logs name the feed by host and fingerprint only.
    expect(JSON.stringify(setup.telemetry.lines)).not.toContain('google.ics');
    expect(served.filter((s) => s === id).length).toBeGreaterThanOrEqual(2);
  });

  it('a feed that was never good: the condition is false and the call is answered', async () => {
    // Prepare
    modes.set('cal-never', 'broken');
    await route('cal-never');

    // Act
    const { module, tookMs } = await callAt('cal-never', '2026-11-02T14:30:00Z');

    // Assess
    report('feed never readable', Math.round(tookMs));
    expect(module).toBe('device');
    expect(tookMs).toBeLessThan(1_500);
  });
});
