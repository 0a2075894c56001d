import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, TEST_ROUTE_KEY, tokenQuery } from '../fixtures/pivotTestRuntime';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUSINESS_HOURS = new Date('2026-11-24T17:00:00Z'); // Tuesday 12:00 in New York
const NIGHT = '2026-11-24T23:30:00Z';
/** How a callflow policy lets loopback URLs through (see CallflowPolicy). */
const ALLOWS_LOOPBACK = /allowLoopbackUrls:\s*true/;

/** Only Date is faked: timers stay real for the SDK and dynalite. */
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

let deployedHandler: (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

beforeAll(async () => {
  const { tableName } = await pivotTestRuntime();
  // The deployed handler reads its settings from the environment on first use, as on Lambda;
  // PIVOT_CLOCK is set too, to show that no variable can turn the override on.
  Object.assign(process.env, { TABLE_NAME: tableName, PIVOT_ROUTE_KEY: TEST_ROUTE_KEY, PIVOT_CLOCK: NIGHT });
  ({ handler: deployedHandler } = (await import('../../functions/pivot')) as { handler: typeof deployedHandler });
  jest.useFakeTimers({ now: BUSINESS_HOURS, doNotFake: [...REAL_TIMERS] });
});

afterAll(() => {
  jest.useRealTimers();
  delete process.env['PIVOT_CLOCK'];
});

describe('the deployed pivot handler and the local clock override', () => {
  it('judges rules by the system clock, whatever x-pivot-clock and PIVOT_CLOCK say', async () => {
    // Prepare
    const event = pivotEventV2({
      as: 'get',
      params: kazooParams(),
      route: 'main-number',
      voiceUrlQuery: tokenQuery('main-number'),
      headers: { 'x-pivot-clock': NIGHT },
    });

    // Act
    const result = (await deployedHandler(
      event as unknown as APIGatewayProxyEventV2,
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess: night would mean voicemail; the system clock says business hours
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toMatchObject({ module: 'device', children: { _: { module: 'voicemail' } } });
  });

  it('has no code path to the override: nothing deployed mentions it, and the bundle holds nothing from local/', async () => {
    // Prepare
    const deployedDirs = ['functions', 'adapters', 'lib', 'infra'];
    const sources = deployedDirs.flatMap((dir) =>
      (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, dir, f)),
    );

    // Act
    const mentions = sources.filter((file) => /x-pivot-clock|PIVOT_CLOCK/i.test(readFileSync(file, 'utf8')));
    const bundle = await build({
      entryPoints: [join(ROOT, 'functions/pivot.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });

    // Assess
    expect(mentions).toEqual([]);
    expect(Object.keys(bundle.metafile.inputs).filter((input) => input.startsWith('local/'))).toEqual([]);
    expect(Object.keys(bundle.metafile.inputs)).toContain('functions/pivot.ts');
  });

  it('never lets the deployed code allow loopback voice_urls: only the local server switches that on', () => {
    // Prepare
    const deployedDirs = ['functions', 'adapters', 'infra', 'lib'];
    const sources = deployedDirs.flatMap((dir) =>
      (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, dir, f)),
    );

    // Act
    const callers = sources.filter((file) => ALLOWS_LOOPBACK.test(readFileSync(file, 'utf8')));

    // Assess
    expect(callers).toEqual([]);
    expect(readFileSync(join(ROOT, 'local/startLocalServer.ts'), 'utf8')).toMatch(ALLOWS_LOOPBACK);
  });

  it('answers an IVR reached on a loopback domain with the fallback, never a pivot back to loopback', async () => {
    // Prepare
    const base = pivotEventV2({ as: 'get', params: kazooParams(), route: 'account-pin', voiceUrlQuery: tokenQuery('account-pin') });
    const event = { ...base, requestContext: { ...base.requestContext, domainName: '127.0.0.1:3000' } };

    // Act
    const result = (await deployedHandler(
      event as unknown as APIGatewayProxyEventV2,
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess: Kazoo would refuse the step prompt's loopback voice_url, so the route's fallback answers
    expect(result.statusCode).toBe(200);
    expect(result.body).not.toContain('127.0.0.1');
    expect(JSON.parse(result.body!)).toMatchObject({ module: 'voicemail' });
  });
});
