import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPivotHandler } from '../../functions/pivot';
import { outsideSourcesFor } from '../../adapters/lambda/outsideSources';
import { inMemorySecrets } from '../../lib/lookups/secretSource';
import { MOCK_CRM_CALLERS, MOCK_CRM_TOKEN, MOCK_CRM_UNPAID_ACCOUNTS, startMockCrm, type MockCrm } from '../../local/mockCrm';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { followUpQueryFor, lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';
import { printReport, report } from '../reliability/support/answers';

const MANAGER = '9a8b7c6d5e4f30211203948576a5b4c3';
const MENU_DEVICE = 'c10a2b3c4d5e6f708192a3b4c5d6e7f8';
const BILLING = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const BUDGET_MS = 1500;

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
let crm: MockCrm;
let setup: Setup;
let handler: ReturnType<typeof createPivotHandler>;

/** A route like examples/crm-vip.json against the test CRM; each case gets its own id (its own cache and breaker). */
function crmRoute(id: string, lookup: Record<string, unknown> = {}) {
  return {
    id,
    timezone: 'America/New_York',
    lookups: {
      crm: {
        url: `${crm.url}/customers?phone={{Caller-ID-Number}}`,
        auth: { bearer: 'crm-token' },
        timeoutMs: 400,
        map: { tier: '/customer/tier', name: 'customer.name', manager: 'customer.account_manager.device_id' },
        ...lookup,
      },
    },
    rules: [
      {
        name: 'gold',
        when: { lookup: { 'crm.tier': 'gold' } },
        then: { module: 'device', data: { id: '{{lookup.crm.manager}}', timeout: 20 }, children: { _: VOICEMAIL } },
      },
    ],
    fallback: { module: 'device', data: { id: MENU_DEVICE }, children: { _: VOICEMAIL } },
  };
}

async function put(route: { id: string }): Promise<void> {
  await setup.admin.putRoute(route.id, JSON.stringify(route));
}

async function callRoute(routeId: string, caller: string, extra: { step?: string; digits?: Record<string, string> } = {}) {
  const params = kazooParams({
    'Caller-ID-Number': caller,
    'Call-ID': `call-${routeId}-${caller}-${Math.random()}`,
    ...Object.fromEntries(Object.entries(extra.digits ?? {}).map(([k, v]) => [`Digits[${k}]`, v])),
  });
  const started = performance.now();
  const result = await handler(pivotEventV2({ as: 'get', params, route: routeId, voiceUrlQuery: tokenQuery(routeId) }), lambdaContext());
  return { result, json: JSON.parse(result.body!) as Record<string, unknown>, tookMs: performance.now() - started };
}

function lookupLines(routeId: string) {
  return setup.telemetry.lines.filter((l) => String(l['message']).startsWith('lookup') && l['route'] === routeId);
}

beforeAll(async () => {
  crm = await startMockCrm({ port: 0 });
  setup = await pivotTestRuntime({
    env: { BUDGET_MS: String(BUDGET_MS), OUTBOUND_ALLOW_HTTP: 'true', OUTBOUND_ALLOWED_CIDRS: '127.0.0.1/32' },
  });
  const secrets: Record<string, string> = {};
  for (const id of [
    'gold',
    'slow',
    'down',
    'malformed',
    'notjson',
    'huge',
    'unknown',
    'cached',
    'breaker',
    'budget',
    'billing',
    'split-crm',
  ])
    secrets[`lk-${id}/crm-token`] = MOCK_CRM_TOKEN;
  setup.runtime.outside = outsideSourcesFor(setup.runtime.config, setup.telemetry, { secrets: inMemorySecrets(secrets) });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
});

afterAll(async () => {
  await crm.close();
  printReport('lookups: the time each failure case took (ms)');
});

describe('pivot handler with a CRM lookup: the answer the CRM gives', () => {
  it('a gold caller goes to the account manager the CRM names', async () => {
    // Prepare
    await put(crmRoute('lk-gold'));

    // Act
    const { result, json } = await callRoute('lk-gold', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess
    expect(result.statusCode).toBe(200);
    expectKazooValid(json);
    expect(json).toMatchObject({ module: 'device', data: { id: MANAGER } });
    expect(lookupLines('lk-gold')).toEqual([expect.objectContaining({ lookup: 'crm', source: 'fetched' })]);
  });

  it('an unknown caller (the CRM answers customer: null) gets the fallback, and nothing is logged as failed', async () => {
    // Prepare
    await put(crmRoute('lk-unknown'));

    // Act
    const { json } = await callRoute('lk-unknown', '+14155559876');

    // Assess
    expect(json).toMatchObject({ module: 'device', data: { id: MENU_DEVICE } });
    expect(lookupLines('lk-unknown')[0]).toMatchObject({ source: 'fetched' });
    expect(lookupLines('lk-unknown')[0]!['reason']).toBeUndefined();
  });

  it('is not called when the rule that needs it fails on its own conditions first', async () => {
    // Prepare: the lookup rule is for one dialed number only.
    const route = crmRoute('lk-unneeded');
    route.rules[0]!.when = { dialed: { numbers: ['+18005550000'] }, lookup: { 'crm.tier': 'gold' } } as never;
    await put(route);
    const before = crm.requests.length;

    // Act
    const { json } = await callRoute('lk-unneeded', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess
    expect(json).toMatchObject({ data: { id: MENU_DEVICE } });
    expect(crm.requests.length).toBe(before);
    expect(lookupLines('lk-unneeded')).toEqual([]);
  });

  it('never logs the secret, the caller number in the query, or the mapped values', async () => {
    // Prepare
    await put(crmRoute('lk-gold'));

    // Act
    await callRoute('lk-gold', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess
    const logged = JSON.stringify(setup.telemetry.lines);
    expect(logged).not.toContain(MOCK_CRM_TOKEN);
    expect(logged).not.toContain(`phone=`);
    expect(logged).not.toContain('Ada Lovelace');
    expect(lookupLines('lk-gold')[0]).toMatchObject({ target: `${crm.url}/customers` });
    expect(JSON.stringify(lookupLines('lk-gold'))).not.toContain(MOCK_CRM_CALLERS.gold);
  });
});

describe('pivot handler with a CRM lookup: the call never waits past its budget and goes on without the CRM', () => {
  it.each([
    ['slow (answers after 3 s; lookup budget 400 ms)', 'lk-slow', MOCK_CRM_CALLERS.slow, 'timeout'],
    ['down (503)', 'lk-down', MOCK_CRM_CALLERS.down, 'http-status'],
    ['malformed JSON', 'lk-malformed', MOCK_CRM_CALLERS.malformed, 'not-json'],
    ['an HTML page instead of JSON', 'lk-notjson', MOCK_CRM_CALLERS.notJson, 'not-json'],
    ['a 2 MB answer (cap 64 KB)', 'lk-huge', MOCK_CRM_CALLERS.huge, 'too-large'],
  ])('CRM %s: the fallback answers, the lookup is abandoned and reported', async (_case, routeId, caller, reason) => {
    // Prepare
    await put(crmRoute(routeId));

    // Act
    const { result, json, tookMs } = await callRoute(routeId, `+${caller}`);

    // Assess
    expect(result.statusCode).toBe(200);
    expectKazooValid(json);
    expect(json).toMatchObject({ module: 'device', data: { id: MENU_DEVICE } });
    expect(lookupLines(routeId)).toEqual([expect.objectContaining({ lookup: 'crm', source: 'failed', reason })]);
    // Generous bound: the request budget, far below the slow CRM's 3 s.
    report(_case, Math.round(tookMs));
    expect(tookMs).toBeLessThan(BUDGET_MS);
  });

  it('a lookup slower than what is left of the request budget is cut at the budget, not at its own timeout', async () => {
    // Prepare: its own timeout (2 s) is longer than the whole request budget (1.5 s).
    await put({ ...crmRoute('lk-budget', { timeoutMs: 2000 }) });

    // Act
    const { result, json, tookMs } = await callRoute('lk-budget', `+${MOCK_CRM_CALLERS.slow}`);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(json).toMatchObject({ data: { id: MENU_DEVICE } });
    expect(lookupLines('lk-budget')).toEqual([expect.objectContaining({ source: 'failed', reason: 'timeout' })]);
    report('timeoutMs 2000 in a 1500 ms request budget', Math.round(tookMs));
    expect(tookMs).toBeLessThan(BUDGET_MS);
  });
});

describe('pivot handler with a CRM lookup: cache and breaker', () => {
  it('when the CRM fails after its answer expired, the last good answer stands in', async () => {
    // Prepare: a CRM that can be switched off, and answers that expire at once.
    let healthy = true;
    const flaky = createServer((_req, res) => {
      if (!healthy) return void res.writeHead(500).end();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ customer: { tier: 'gold', account_manager: { device_id: MANAGER } } }));
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/customers?phone={{Caller-ID-Number}}`;
    await put(crmRoute('lk-stale', { url, auth: undefined, cacheSeconds: 0 }));
    await callRoute('lk-stale', `+${MOCK_CRM_CALLERS.gold}`);
    healthy = false;

    // Act
    const { json } = await callRoute('lk-stale', `+${MOCK_CRM_CALLERS.gold}`);
    flaky.closeAllConnections();
    await new Promise((r) => flaky.close(r));

    // Assess
    expect(json).toMatchObject({ data: { id: MANAGER } });
    expect(lookupLines('lk-stale').map((l) => [l['source'], l['reason']])).toEqual([
      ['fetched', undefined],
      ['stale', 'http-status'],
    ]);
  });

  it('a second call from the same caller is answered from the cache, without calling the CRM', async () => {
    // Prepare
    await put(crmRoute('lk-cached'));
    await callRoute('lk-cached', `+${MOCK_CRM_CALLERS.gold}`);
    const before = crm.requests.length;

    // Act
    const { json } = await callRoute('lk-cached', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess
    expect(json).toMatchObject({ data: { id: MANAGER } });
    expect(crm.requests.length).toBe(before);
    expect(lookupLines('lk-cached').map((l) => l['source'])).toEqual(['fetched', 'hit']);
  });

  it('after three failures in a row the CRM is not called for a while: later calls are answered at once', async () => {
    // Prepare
    await put(crmRoute('lk-breaker'));
    for (let i = 0; i < 3; i++) await callRoute('lk-breaker', `+${MOCK_CRM_CALLERS.down}`);
    const before = crm.requests.length;

    // Act
    const { json } = await callRoute('lk-breaker', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess: even a caller the CRM would know is not looked up while the breaker is open.
    expect(json).toMatchObject({ data: { id: MENU_DEVICE } });
    expect(crm.requests.length).toBe(before);
    expect(lookupLines('lk-breaker').at(-1)).toMatchObject({ source: 'short-circuited', reason: 'circuit-open' });
  });
});

describe('pivot handler with a lookup in an IVR step, filled from collected digits', () => {
  const billingRoute = () => ({
    id: 'lk-billing',
    timezone: 'America/New_York',
    lookups: {
      billing: {
        url: `${crm.url}/accounts?number={{digits.account}}`,
        auth: { bearer: 'crm-token' },
        map: { status: 'account.status' },
      },
    },
    rules: [{ name: 'ask', then: { goto: 'account' } }],
    steps: {
      account: {
        prompt: { tts: 'Enter your account number, then hash.' },
        collect: { maxDigits: 8 },
        options: [
          {
            pattern: '^\\d{4,8}$',
            when: { lookup: { 'billing.status': 'unpaid' } },
            then: { module: 'user', data: { id: BILLING }, children: { _: VOICEMAIL } },
          },
          { pattern: '^\\d{4,8}$', then: { module: 'device', data: { id: MENU_DEVICE }, children: { _: VOICEMAIL } } },
        ],
      },
    },
  });

  it.each([
    ['an unpaid account goes to billing', MOCK_CRM_UNPAID_ACCOUNTS[0], BILLING],
    ['a paid account goes to the main desk', '1234', MENU_DEVICE],
  ])('%s', async (_case, account, target) => {
    // Prepare
    await put(billingRoute());
    const callId = `billing-${account}`;
    const entry = kazooParams({ 'Call-ID': callId });
    await handler(
      pivotEventV2({ as: 'get', params: entry, route: 'lk-billing', voiceUrlQuery: tokenQuery('lk-billing') }),
      lambdaContext(),
    );

    // Act
    const followUp = kazooParams({ 'Call-ID': callId, 'Digits[account]': account });
    const result = await handler(
      pivotEventV2({ as: 'get', params: followUp, route: 'lk-billing', voiceUrlQuery: followUpQueryFor('lk-billing', callId, 'account') }),
      lambdaContext(),
    );

    // Assess
    const json = JSON.parse(result.body!) as Record<string, unknown>;
    expect(result.statusCode).toBe(200);
    expect(json).toMatchObject({ data: { id: target } });
    expect(crm.requests).toContain(`/accounts?number=${account}`);
  });
});
