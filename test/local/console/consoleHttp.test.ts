import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kazooQueryString } from '../../../lib/request/encodeKazooParams';
import { startLocalServer, type LocalServer } from '../../../local/startLocalServer';
import { kazooParams } from '../../fixtures/kazooCalls';
import { CONSOLE_CLOCK, consoleExamplesDir } from './consoleExamples';

/** The console's answers over plain HTTP: what a script or a mistyped URL gets. */
let server: LocalServer;
const examples = consoleExamplesDir();

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dynamoPort: 0, examplesDir: examples.dir, clockOverride: CONSOLE_CLOCK });
}, 60_000);

afterAll(async () => {
  await server.close();
  examples.remove();
});

const postCall = (route: string, body: string, contentType = 'application/json') =>
  fetch(`${server.url}/console/routes/${route}/call`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('the console over HTTP', () => {
  it('lists every stored route with its time zone', async () => {
    // Act
    const response = await fetch(`${server.url}/console`);
    const page = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const id of ['main-number', 'office', 'sales-support']) expect(page).toContain(`href="/console/routes/${id}"`);
    expect(page).toContain('Europe/Berlin');
  });

  it('answers 404 for a route or call it does not know, and leaves other paths to the API', async () => {
    // Act
    const route = await fetch(`${server.url}/console/routes/nope`);
    const call = await fetch(`${server.url}/console/calls/nope`);
    const other = await fetch(`${server.url}/elsewhere`);

    // Assess
    expect([route.status, call.status]).toEqual([404, 404]);
    expect(await route.text()).toContain('No route &#34;nope&#34; is stored.');
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ message: 'Not Found' });
  });

  it('refuses a call request that is not JSON, or that names a bad field', async () => {
    // Act
    const form = await postCall('main-number', 'digits=1', 'application/x-www-form-urlencoded');
    const badDigits = await postCall('main-number', JSON.stringify({ digits: '1;rm' }));
    const badTime = await postCall('main-number', JSON.stringify({ at: 'tomorrow' }));
    const unknown = await postCall('nope', JSON.stringify({}));

    // Assess
    expect(form.status).toBe(415);
    expect(badDigits.status).toBe(400);
    expect(await badDigits.json()).toMatchObject({ field: 'digits' });
    expect(badTime.status).toBe(400);
    expect(await badTime.json()).toMatchObject({ field: 'at' });
    expect(unknown.status).toBe(404);
  });

  it('keeps a timeline of calls from any client, not only the console, without digit values', async () => {
    // Prepare: a Kazoo-style request straight to the pivot URL.
    const query = kazooQueryString(kazooParams({ 'Call-ID': 'from-kazoo-1' }));

    // Act
    const answer = await fetch(`${server.url}/pivot/main-number?token=${server.tokenFor('main-number')}&${query}`);
    const timeline = server.calls.get('from-kazoo-1');

    // Assess: Tuesday 10:00 in New York, business hours.
    expect(answer.status).toBe(200);
    expect(timeline?.routeId).toBe('main-number');
    expect(timeline?.entries).toEqual([
      expect.objectContaining({
        n: 1,
        judgedAt: CONSOLE_CLOCK.toISOString(),
        outcome: 'rule:business-hours',
        status: 200,
        answer: 'ring device a3f1… → voicemail b7e2…',
      }),
    ]);
  });
});
