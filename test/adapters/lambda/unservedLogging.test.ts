import { beforeAll, describe, expect, it } from '@jest/globals';
import { createCdrHandler } from '../../../functions/cdr';
import { createPivotHandler } from '../../../functions/pivot';
import { createPivotRuntime, lazyRuntime } from '../../../adapters/lambda/pivotRuntime';
import { StoreUnavailableError } from '../../../lib/errors';
import { pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { kazooParams } from '../../fixtures/kazooCalls';
import { capturedTelemetry, lambdaContext, pivotTestRuntime } from '../../fixtures/pivotTestRuntime';
import { TEST_ROUTE_KEY, tokenQuery } from '../../fixtures/routeCredentials';

/**
 * Every 503 (Kazoo takes the pivot node's `_` branch, the caller never hears
 * why) leaves one log line at WARN or ERROR that says why: the error's name and
 * message, or the reason in words. Never only an info line, never silence.
 */
type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
type Line = Record<string, unknown>;

const NO_FALLBACK = {
  id: 'no-fallback',
  timezone: 'UTC',
  rules: [{ name: 'only-vip', when: { callerId: { numbers: ['+15550000000'] } }, then: { module: 'hangup', data: {} } }],
};

let setup: Setup;

beforeAll(async () => {
  setup = await pivotTestRuntime({ env: { ROUTE_CACHE_TTL_MS: '1' } });
  await setup.admin.putRoute('no-fallback', JSON.stringify(NO_FALLBACK));
});

function get(route: string) {
  return pivotEventV2({ as: 'get', params: kazooParams(), route, voiceUrlQuery: tokenQuery(route) });
}

/** Runs one request; its status and the lines it logged. */
async function served(target: Setup, event: unknown, handler = createPivotHandler(() => target.runtime, target.telemetry)) {
  const before = target.telemetry.lines.length;
  const result = await handler(event, lambdaContext());
  return { statusCode: result.statusCode, body: result.body!, lines: target.telemetry.lines.slice(before) };
}

function lineWithStatus(lines: Line[], status: number): Line | undefined {
  return lines.find((line) => line['status'] === status);
}

describe('every 503 is logged with its reason', () => {
  it('no rule matched and the route has no fallback', async () => {
    // Act
    const { statusCode, lines } = await served(setup, get('no-fallback'));

    // Assess
    expect(statusCode).toBe(503);
    expect(lineWithStatus(lines, 503)).toMatchObject({
      level: 'WARN',
      message: 'pivot not served',
      route: 'no-fallback',
      outcome: 'no-match',
      reason: 'no rule matched and the route has no fallback',
    });
  });

  it('a stored route that turned too deep to read: its last valid copy answers, and says why when that is a 503', async () => {
    // Prepare: a valid copy seen first, then a hand edit nesting 1,500 levels
    await setup.admin.putRoute('hand-edited-deep', JSON.stringify({ ...NO_FALLBACK, id: 'hand-edited-deep' }));
    await served(setup, get('hand-edited-deep'));
    let deep: Record<string, unknown> = { module: 'hangup', data: {} };
    for (let i = 0; i < 1_500; i++) deep = { module: 'tts', data: { text: 'Hello' }, children: { _: deep } };
    await setup.admin.putRoute('hand-edited-deep', JSON.stringify({ ...NO_FALLBACK, id: 'hand-edited-deep', fallback: deep }));
    await new Promise((resolve) => setTimeout(resolve, 5));

    // Act
    const { statusCode, lines } = await served(setup, get('hand-edited-deep'));

    // Assess
    expect(statusCode).toBe(503);
    expect(lines.find((line) => String(line['message']).startsWith('stored route is invalid'))).toMatchObject({
      level: 'ERROR',
      route: 'hand-edited-deep',
      issues: [{ path: 'fallback', message: 'too deeply nested (over 100 levels)' }],
    });
    // The last valid copy has no fallback and its one rule does not match this caller.
    expect(lineWithStatus(lines, 503)).toMatchObject({
      level: 'WARN',
      message: 'pivot not served',
      route: 'hand-edited-deep',
      outcome: 'no-match',
    });
  });

  it('the store fails', async () => {
    // Prepare
    const failing = await pivotTestRuntime({
      overrides: {
        rules: {
          getRoute: async () => {
            throw new StoreUnavailableError('reading route "main-number" failed', { cause: new Error('ECONNRESET') });
          },
          lastKnown: () => undefined,
        },
      },
    });

    // Act
    const { statusCode, lines } = await served(failing, get('main-number'));

    // Assess
    expect(statusCode).toBe(503);
    expect(lineWithStatus(lines, 503)).toMatchObject({
      level: 'WARN',
      message: 'pivot answered in degraded mode',
      error: { name: 'StoreUnavailableError', message: 'reading route "main-number" failed', cause: 'Error: ECONNRESET' },
    });
  });

  it('the budget runs out', async () => {
    // Prepare
    const stalled = await pivotTestRuntime({
      env: { BUDGET_MS: '50' },
      overrides: { rules: { getRoute: () => new Promise(() => undefined), lastKnown: () => undefined } },
    });

    // Act
    const { statusCode, lines } = await served(stalled, get('main-number'));

    // Assess
    expect(statusCode).toBe(503);
    expect(lineWithStatus(lines, 503)).toMatchObject({ level: 'WARN', error: { name: 'DeadlineExceededError' } });
  });

  it.each([
    ['no route key at all', { TABLE_NAME: 'pivot' }, 'set ROUTE_KEY_SECRET_ARN (deployed) or PIVOT_ROUTE_KEY (local)'],
    [
      'an allowlist that is not CIDRs',
      { TABLE_NAME: 'pivot', PIVOT_ROUTE_KEY: TEST_ROUTE_KEY, ALLOWED_SOURCE_CIDRS: '203.0.113.0/24,kazoo' },
      'invalid environment ALLOWED_SOURCE_CIDRS: "kazoo" is not an IPv4 or IPv6 CIDR',
    ],
  ])('a bad environment: %s', async (_label, env, reason) => {
    // Prepare
    const telemetry = capturedTelemetry();
    const handler = createPivotHandler(
      lazyRuntime(() => createPivotRuntime(env, telemetry)),
      telemetry,
    );

    // Act
    const result = await handler(get('main-number'), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(503);
    expect(telemetry.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'request not served',
        status: 503,
        error: expect.objectContaining({ name: 'Error' }),
      }),
    ]);
    expect(String((telemetry.lines[0]!['error'] as Line)['message'])).toContain(reason);
  });

  it('a cdr the store cannot record', async () => {
    // Prepare
    const failing = await pivotTestRuntime({
      overrides: {
        rules: { getRoute: async () => Promise.reject(new StoreUnavailableError('route read timed out')), lastKnown: () => undefined },
      },
    });
    const cdr = createCdrHandler(() => failing.runtime, failing.telemetry);
    const event = pivotEventV2({ as: 'form', params: kazooParams(), route: 'main-number', voiceUrlQuery: tokenQuery('main-number') });

    // Act
    const { statusCode, lines } = await served(failing, event, cdr);

    // Assess
    expect(statusCode).toBe(503);
    expect(lineWithStatus(lines, 503)).toMatchObject({
      level: 'WARN',
      message: 'cdr not recorded',
      error: { name: 'StoreUnavailableError' },
    });
  });
});
