import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kazooQueryString } from '../../lib/request/encodeKazooParams';
import { kazooParams } from '../fixtures/kazooCalls';
import { PortInUseError } from '../../local/listenOnPort';
import { startLocalServer, type LocalServer } from '../../local/startLocalServer';

const BUSINESS_HOURS = '2026-11-24T17:00:00Z'; // Tuesday 12:00 in New York
const NIGHT = '2026-11-24T23:30:00Z'; // Tuesday 18:30 in New York

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dynamoPort: 0 });
});

afterAll(async () => {
  await server.close();
});

const pivotUrl = (route: string, query = '') => `${server.url}/pivot/${route}?token=${server.tokenFor(route)}${query ? `&${query}` : ''}`;

/** The voice_url of the pivot node an answer ends with (an IVR prompt's follow-up), if any. */
const voiceUrlOf = (answer: unknown) => /"voice_url":"([^"]+)"/.exec(JSON.stringify(answer))?.[1];

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('local server: the real handlers behind API Gateway-shaped events', () => {
  it('loads every example route', () => {
    // Assess
    expect([...server.examples.loaded].sort()).toEqual([
      'ab-greeting',
      'account-pin',
      'bridging',
      'crm-vip',
      'main-number',
      'presence',
      'sales-support',
      'small-business',
      'twiml-hotline',
      'vip-callers',
    ]);
    expect(server.examples.skipped).toEqual([]);
  });

  it.each([
    [
      'GET with Kazoo-encoded query',
      () => fetch(pivotUrl('main-number', kazooQueryString(kazooParams())), { headers: { 'x-pivot-clock': BUSINESS_HOURS } }),
    ],
    [
      'POST form (arrives base64-encoded, as from API Gateway)',
      () =>
        fetch(pivotUrl('main-number'), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-pivot-clock': BUSINESS_HOURS },
          body: kazooQueryString(kazooParams()),
        }),
    ],
    [
      'POST JSON',
      () =>
        fetch(pivotUrl('main-number'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pivot-clock': BUSINESS_HOURS },
          body: JSON.stringify(kazooParams()),
        }),
    ],
  ])('answers a %s with the business-hours callflow', async (_name, send) => {
    // Act
    const response = await send();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await json(response)).toMatchObject({ module: 'device', children: { _: { module: 'voicemail' } } });
  });

  it('judges rules at the x-pivot-clock instant', async () => {
    // Act
    const response = await fetch(pivotUrl('main-number', 'Call-ID=night-1'), { headers: { 'x-pivot-clock': NIGHT } });

    // Assess
    expect(await json(response)).toEqual({ module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } });
  });

  it('refuses an x-pivot-clock that is not an instant, naming the header', async () => {
    // Act
    const response = await fetch(pivotUrl('main-number', 'Call-ID=bad-clock'), { headers: { 'x-pivot-clock': 'tomorrow at nine' } });

    // Assess
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: 'invalid_request', field: 'x-pivot-clock' });
  });

  it("answers paths and methods the stack has no route for with API Gateway's 404", async () => {
    // Act
    const unknown = await fetch(`${server.url}/pivots/main-number`);
    const wrongMethod = await fetch(`${server.url}/pivot/main-number/cdr`);

    // Assess
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ message: 'Not Found' });
    expect(wrongMethod.status).toBe(404);
  });

  it('serves /health without touching a route', async () => {
    // Act
    const response = await fetch(`${server.url}/health`);

    // Assess
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'ok' });
  });

  it('makes IVR prompts pivot back to this server, at the host the client called', async () => {
    // Act
    const response = await fetch(pivotUrl('sales-support', 'Call-ID=ivr-1'));

    // Assess
    const voiceUrl = new URL(voiceUrlOf(await json(response))!);
    expect(`${voiceUrl.origin}${voiceUrl.pathname}`).toBe(`${server.url}/pivot/sales-support`);
    expect(Object.fromEntries(voiceUrl.searchParams)).toEqual({
      token: server.tokenFor('sales-support'),
      ver: '1',
      step: 'menu',
      exp: expect.stringMatching(/^\d+$/),
      // The plain signature, or (longer) the call state sealed in its place.
      sig: expect.stringMatching(/^[\w-]{32,}$/),
    });
  });

  it('ends the call state when Kazoo posts the CDR: a late follow-up is refused, the other call goes on', async () => {
    // Prepare: two calls each use two of the menu's three tries; Kazoo posts the CDR of one of them
    // Each answer's own follow-up URL, as Kazoo would call it: signed for that call.
    const followUps = new Map<string, string>();
    const menu = async (callId: string, step = true) => {
      const url = step ? `${followUps.get(callId)}&Call-ID=${callId}` : pivotUrl('sales-support', `Call-ID=${callId}`);
      const answer = await json(await fetch(url));
      const next = voiceUrlOf(answer);
      if (next) followUps.set(callId, next);
      return answer;
    };
    for (const callId of ['cdr-ended', 'cdr-live']) {
      await menu(callId, false);
      await menu(callId);
      await menu(callId);
    }
    const cdr = await fetch(`${server.url}/pivot/sales-support/cdr?token=${server.tokenFor('sales-support')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Call-ID=cdr-ended&Hangup-Cause=NORMAL_CLEARING&Duration-Seconds=42',
    });

    // Act
    const afterCdr = await menu('cdr-ended');
    const live = await menu('cdr-live');

    // Assess
    expect(cdr.status).toBe(200);
    expect(await json(cdr)).toEqual({ status: 'ended', callId: 'cdr-ended' });
    expect(afterCdr).toMatchObject({ error: 'call_ended' });
    expect(live).toMatchObject({ module: 'voicemail' });
  });

  it('answers a CDR for a call it never saw', async () => {
    // Act
    const response = await fetch(`${server.url}/pivot/sales-support/cdr?token=${server.tokenFor('sales-support')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Call-ID=never-seen',
    });

    // Assess
    expect(await json(response)).toEqual({ status: 'no-state', callId: 'never-seen' });
  });

  it('says plainly when its port is taken', async () => {
    // Act
    const second = startLocalServer({ port: server.port, dynamoPort: 0 });

    // Assess
    await expect(second).rejects.toThrow(PortInUseError);
    await expect(second).rejects.toThrow(`port ${server.port} is already in use (Pivot HTTP server)`);
  });
});

describe('local server: a fixed clock for the whole run', () => {
  it('uses the clock override when a request has no x-pivot-clock, and the header when it has one', async () => {
    // Prepare
    const night = await startLocalServer({ port: 0, dynamoPort: 0, clockOverride: new Date(NIGHT) });
    try {
      // Act
      const plain = await json(await fetch(`${night.url}/pivot/main-number?token=${night.tokenFor('main-number')}&Call-ID=o-1`));
      const withHeader = await json(
        await fetch(`${night.url}/pivot/main-number?token=${night.tokenFor('main-number')}&Call-ID=o-2`, {
          headers: { 'x-pivot-clock': BUSINESS_HOURS },
        }),
      );

      // Assess
      expect(plain['module']).toBe('voicemail');
      expect(withHeader['module']).toBe('device');
    } finally {
      await night.close();
    }
  });
});
