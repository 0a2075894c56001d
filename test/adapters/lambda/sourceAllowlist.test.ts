import { beforeAll, describe, expect, it } from '@jest/globals';
import { createCdrHandler } from '../../../functions/cdr';
import { createPivotHandler } from '../../../functions/pivot';
import { pivotEventV2, type PivotEventOptions } from '../../fixtures/apiGatewayEvents';
import { recordCommands } from '../../fixtures/dynamoTestTable';
import { kazooParams } from '../../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime } from '../../fixtures/pivotTestRuntime';
import { tokenQuery } from '../../fixtures/routeCredentials';

/**
 * The optional source allowlist (ALLOWED_SOURCE_CIDRS): Kazoo's egress addresses
 * only, checked on pivot and cdr before the token or anything stored is read.
 */
type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
const ALLOWED = '203.0.113.0/24,2001:db8:a0::/48';

let restricted: Setup;
let open: Setup;
let commands: string[];
let keyReads: number;

beforeAll(async () => {
  restricted = await pivotTestRuntime({ env: { ALLOWED_SOURCE_CIDRS: ALLOWED } });
  const routeKeys = restricted.runtime.routeKeys;
  keyReads = 0;
  restricted.runtime.routeKeys = () => {
    keyReads += 1;
    return routeKeys();
  };
  commands = recordCommands(restricted.runtime.dynamo);
  open = await pivotTestRuntime();
});

function from(sourceIp: string, o: Partial<PivotEventOptions> = {}) {
  const event = pivotEventV2({ as: 'get', params: kazooParams(), route: 'main-number', voiceUrlQuery: tokenQuery('main-number'), ...o });
  return { ...event, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } } };
}

async function invoke(setup: Setup, event: unknown, handler = createPivotHandler(() => setup.runtime, setup.telemetry)) {
  const result = await handler(event, lambdaContext());
  return { statusCode: result.statusCode, json: JSON.parse(result.body!) as Record<string, unknown> };
}

describe('pivot behind a source allowlist', () => {
  it.each([
    ['IPv4', '203.0.113.7'],
    ['IPv6', '2001:db8:a0::7'],
    ['IPv4-mapped IPv6', '::ffff:203.0.113.7'],
  ])('answers a listed %s source', async (_family, sourceIp) => {
    // Act
    const result = await invoke(restricted, from(sourceIp));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toMatchObject({ module: 'device' });
  });

  it.each([
    ['IPv4', '198.51.100.7'],
    ['IPv6', '2001:db8:b0::7'],
    ['IPv4-mapped IPv6', '::ffff:198.51.100.7'],
    ['missing', ''],
  ])('refuses an unlisted %s source with 403 before the token or any store read', async (_family, sourceIp) => {
    // Prepare
    const before = { commands: commands.length, keyReads, lines: restricted.telemetry.lines.length };

    // Act
    const result = await invoke(restricted, from(sourceIp, { route: `refused-${sourceIp.replace(/\W/g, '')}` }));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.json).toEqual({ error: 'source_not_allowed', message: 'requests from this address are not accepted' });
    expect(commands.length).toBe(before.commands);
    expect(keyReads).toBe(before.keyReads);
    expect(restricted.telemetry.lines.slice(before.lines)).toEqual([
      expect.objectContaining({
        message: 'request refused',
        status: 403,
        error: expect.objectContaining({ name: 'SourceNotAllowedError' }),
      }),
    ]);
  });

  it('refuses an unlisted source on cdr too', async () => {
    // Prepare
    const cdr = createCdrHandler(() => restricted.runtime, restricted.telemetry);
    const event = from('198.51.100.7', { as: 'form', path: '/pivot/main-number/cdr' });

    // Act
    const result = await invoke(restricted, event, cdr);

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.json['error']).toBe('source_not_allowed');
  });

  it('is off by default: any source is answered', async () => {
    // Act
    const result = await invoke(open, from('198.51.100.7'));

    // Assess
    expect(result.statusCode).toBe(200);
  });
});
