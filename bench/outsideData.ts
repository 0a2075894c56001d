import { readFileSync } from 'node:fs';
import { loadCalendarParser, ParsedCalendarFeed } from '../lib/calendar/calendarFeed';
import { LookupResolver } from '../lib/lookups/lookupResolver';
import { inMemorySecrets } from '../lib/lookups/secretSource';
import { OutboundCache } from '../lib/outbound/outboundCache';
import type { OutboundFetcher } from '../lib/outbound/outboundFetcher';
import { decideWithOutsideData } from '../lib/pivot/decideWithOutsideData';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { parseRoute } from '../lib/routes/parseRoute';
import { decideEntry } from '../lib/rules/decideAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, EXAMPLES_DIR, entryEvent, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';
import { loadPatternEngine } from '../lib/routes/safePattern';

// vip-callers has patterns: RE2 is loaded as the route store loads it for such a route.
await loadPatternEngine();

const ROUNDS = 15;
const TIME_LIMIT_MS = 15_000;

/**
 * What outside data costs a warm container once it is held: a weighted split's
 * decision (a SHA-256 per call) and a decision whose lookup is answered from the
 * cache (the needs-data loop: decide, learn, decide again), each against a plain
 * rule decision of a route without them; and one calendar-condition evaluation
 * (a recurrence that began ten years ago, a Google feed) against the same plain
 * decision. All in one process, interleaved, medians of rounds. No goal: the issue
 * sets none; the figures catch regressions and say what a feed or lookup costs.
 */
export async function measureOutsideData(): Promise<Figure[]> {
  const route = (file: string) => parseRoute(JSON.parse(readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8')));
  const plain = route('vip-callers.json');
  const split = route('ab-greeting.json');
  const crm = route('crm-vip.json');
  const request = (routeId: string, caller: string) =>
    normalizePivotRequest(httpRequestFrom(entryEvent(routeId, `bench-${routeId}`, { 'Caller-ID-Number': caller })));
  const plainRequest = request('vip-callers', '+14155550123');
  const splitRequests = Array.from({ length: 64 }, (_, i) => request('ab-greeting', `+1212555${String(1000 + i)}`));
  const crmRequest = request('crm-vip', '+14155550100');
  const back = (r: ReturnType<typeof request>) => pivotBackFor(r, 'https://example.invalid/pivot/x', benchFollowUps(r.routeId!, r.callId));
  const plainBack = back(plainRequest);
  const splitBacks = splitRequests.map(back);
  const crmBack = back(crmRequest);
  const now = new Date('2026-11-24T17:00:00Z');

  // The CRM answers once (in process); every timed decision finds its answer in the cache.
  const fetcher: OutboundFetcher = {
    fetch: async () => ({
      status: 200,
      json: { customer: { tier: 'gold', name: 'Ada', account_manager: { device_id: '9a8b7c6d5e4f30211203948576a5b4c3' } } },
    }),
  };
  const lookups = new LookupResolver({
    fetcher,
    secrets: inMemorySecrets({ 'crm-vip/crm-token': 't' }),
    cache: new OutboundCache({ now: Date.now }),
  });
  const decideCrm = () =>
    decideWithOutsideData({ lookups }, crm, { deadlineAt: performance.now() + 2_500 }, async (outside) =>
      decideEntry({ route: crm, request: crmRequest, now, pivotBack: crmBack, outside }),
    );
  if ((await decideCrm()).outcome.kind !== 'rule') throw new Error('the gold caller should match the CRM rule');

  const feedText = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:standup',
    'DTSTART;TZID=America/New_York:20160104T083000',
    'DTEND;TZID=America/New_York:20160104T084500',
    'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  await loadCalendarParser();
  const feeds = [
    new ParsedCalendarFeed(feedText),
    new ParsedCalendarFeed(readFileSync('test/fixtures/calendars/google-closures.ics', 'utf8')),
  ];

  let sink = 0;
  const rate = async (n: number, work: (i: number) => unknown | Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += (await work(i)) ? 1 : 0;
    return n / ((performance.now() - t0) / 1000);
  };
  const subjects = {
    plain: () => rate(2_000, () => decideEntry({ route: plain, request: plainRequest, now, pivotBack: plainBack }).node),
    split: () =>
      rate(2_000, (i) => decideEntry({ route: split, request: splitRequests[i % 64]!, now, pivotBack: splitBacks[i % 64]! }).node),
    lookup: () => rate(2_000, async () => (await decideCrm()).node),
    calendar: () => rate(100, (i) => feeds[i % 2]!.hasEventAt(new Date(now.getTime() + i * 3_600_000), 'America/New_York')),
  };
  const samples: Record<keyof typeof subjects, number[]> = { plain: [], split: [], lookup: [], calendar: [] };
  for (const run of Object.values(subjects)) await run();
  const box = timeBox(TIME_LIMIT_MS);
  const order = Object.keys(subjects) as (keyof typeof subjects)[];
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    for (const name of round % 2 === 0 ? order : [...order].reverse()) samples[name].push(await subjects[name]());
  }
  if (sink === 0) throw new Error('unreachable: keeps the work observable');

  const baseline = { label: 'plain rule decisions/s (vip-callers)', value: median(samples.plain), unit: 'decisions/s' };
  const note = `median of ${samples.plain.length} interleaved rounds`;
  return [
    figure({
      id: 'outside.splitDecisionsPerSecond',
      label: 'weighted split decisions/s (ab-greeting)',
      value: median(samples.split),
      unit: 'decisions/s',
      baseline,
      goal: null,
      note,
    }),
    figure({
      id: 'outside.cachedLookupDecisionsPerSecond',
      label: 'decisions/s with a cached CRM lookup (crm-vip)',
      value: median(samples.lookup),
      unit: 'decisions/s',
      baseline,
      goal: null,
      note,
    }),
    figure({
      id: 'outside.calendarEvaluationsPerSecond',
      label: 'calendar evaluations/s (10-year daily rule; Google feed)',
      value: median(samples.calendar),
      unit: 'evals/s',
      baseline,
      goal: null,
      note,
    }),
  ];
}
