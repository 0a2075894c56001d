import { describe, expect, it } from '@jest/globals';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import type { RulesCliDeps } from '../../cli/rules/routeTable';
import { createPivotHandler } from '../../functions/pivot';
import { StoreUnavailableError } from '../../lib/errors';
import { routeToken, type RouteKeys } from '../../lib/pivot/routeCredentials';
import { LOCAL_ROUTE_KEY } from '../../local/localRouteKey';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { kazooParams } from '../fixtures/kazooCalls';
import { lambdaContext, pivotTestRuntime, TEST_ROUTE_KEY } from '../fixtures/pivotTestRuntime';

/** `npm run rules -- url <route>`: the URLs an operator pastes into Kazoo, token included. */
async function rules(argv: string[], env: Record<string, string | undefined> = {}, deps: Partial<RulesCliDeps> = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(argv, io, { env, ...deps });
  return { code, stdout, stderr };
}

const DEPLOYED_BASE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/pivot/';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:KazooPivotRouteKeys-AbCdEf';
const STACK_KEYS: RouteKeys = { current: 'the-stack-current-key-0123456789', previous: 'the-stack-previous-key-0123456789' };

/** A Secrets Manager stand-in: the keys for the stack's secret, a store error for anything else. */
function secretStore(keys: RouteKeys = STACK_KEYS) {
  const asked: { secretId: string; region: string }[] = [];
  const readRouteKeys = async (secretId: string, region: string) => {
    asked.push({ secretId, region });
    if (secretId !== SECRET_ARN) {
      throw new StoreUnavailableError('reading the route key secret failed', {
        cause: new Error('Secrets Manager can’t find the specified secret.'),
      });
    }
    return keys;
  };
  return { asked, readRouteKeys };
}

describe('npm run rules -- url (deployed)', () => {
  it("prints the voice_url and cdr_url with the route's token under the stack's current key", async () => {
    // Prepare
    const store = secretStore();

    // Act
    const result = await rules(['url', 'main-number', '--base', DEPLOYED_BASE, '--secret', SECRET_ARN, '--region', 'eu-west-1'], {}, store);

    // Assess
    const token = routeToken(STACK_KEYS.current, 'main-number');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `voice_url  ${DEPLOYED_BASE}main-number?token=${token}\ncdr_url    ${DEPLOYED_BASE}main-number/cdr?token=${token}\n`,
    );
    expect(result.stderr).toBe('');
    expect(store.asked).toEqual([{ secretId: SECRET_ARN, region: 'eu-west-1' }]);
    expect(result.stdout).not.toContain(STACK_KEYS.current);
  });

  it.each([
    ['the API URL', 'https://abc123.execute-api.eu-west-1.amazonaws.com/'],
    ['the API URL without its slash', 'https://abc123.execute-api.eu-west-1.amazonaws.com'],
    ['the pivot base without its slash', 'https://abc123.execute-api.eu-west-1.amazonaws.com/pivot'],
  ])('accepts %s as --base', async (_label, base) => {
    // Act
    const result = await rules(['url', 'main-number', '--base', base, '--secret', SECRET_ARN], {}, secretStore());

    // Assess
    expect(result.stdout.split('\n')[0]).toBe(
      `voice_url  ${DEPLOYED_BASE}main-number?token=${routeToken(STACK_KEYS.current, 'main-number')}`,
    );
  });

  it('says in two lines, with no stack, when the secret cannot be read', async () => {
    // Act
    const result = await rules(['url', 'main-number', '--base', DEPLOYED_BASE, '--secret', 'wrong-secret'], {}, secretStore());

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'error: reading the route key secret failed (Secrets Manager can’t find the specified secret.)',
      expect.stringMatching(/^hint: --secret is the stack's route key secret/),
    ]);
  });
});

describe('npm run rules -- url (local)', () => {
  it("prints npm start's URLs: the local key, localhost:3000 unless PUBLIC_URL says otherwise", async () => {
    // Act
    const plain = await rules(['url', 'sales-support']);
    const tunnelled = await rules(['url', 'sales-support'], { PUBLIC_URL: 'https://tunnel.example.com' });

    // Assess
    const token = routeToken(LOCAL_ROUTE_KEY, 'sales-support');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(
      `voice_url  http://localhost:3000/pivot/sales-support?token=${token}\ncdr_url    http://localhost:3000/pivot/sales-support/cdr?token=${token}\n`,
    );
    expect(plain.stderr).toContain('local route key');
    expect(tunnelled.stdout).toContain(`voice_url  https://tunnel.example.com/pivot/sales-support?token=${token}`);
  });

  it('prints a URL the handler opens, and that opens no other route', async () => {
    // Prepare: the CLI and a runtime share a key, as npm start and the CLI share PIVOT_ROUTE_KEY
    const setup = await pivotTestRuntime();
    const handler = createPivotHandler(() => setup.runtime, setup.telemetry);
    const printed = await rules(['url', 'main-number'], { PIVOT_ROUTE_KEY: TEST_ROUTE_KEY });
    const voiceUrl = new URL(printed.stdout.split(/\s+/)[1]!);
    const call = (route: string) =>
      handler(pivotEventV2({ as: 'get', route, params: kazooParams(), voiceUrlQuery: voiceUrl.search.slice(1) }), lambdaContext());

    // Act
    const own = await call('main-number');
    const other = await call('vip-callers');

    // Assess
    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(403);
  });

  it('warns, and still prints, when the route is not in the table named by --endpoint', async () => {
    // Prepare
    const { tableName } = await createTestTable('url');
    const endpoint = process.env['DYNAMODB_ENDPOINT']!;

    // Act
    const result = await rules(['url', 'not-pushed-yet', '--endpoint', endpoint, '--table', tableName]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('voice_url  http://localhost:3000/pivot/not-pushed-yet?token=');
    expect(result.stderr).toContain(
      `warning: no route not-pushed-yet in table ${tableName} at ${endpoint} yet; push it before Kazoo calls`,
    );
  });
});

describe('npm run rules -- url (command line)', () => {
  it.each([
    [['url'], 'url takes <route>'],
    [['url', 'a', 'b'], 'url takes <route> (one only)'],
    [['url', 'main-number', '--secret', SECRET_ARN], "--secret needs --base (the stack's PivotBaseUrl output)"],
    [['url', 'main-number', '--base', 'abc123.execute-api.eu-west-1.amazonaws.com'], '--base must be an http(s) URL'],
    [['url', 'main number'], '"main number" is not a route id'],
    [['list', '--secret', SECRET_ARN], '--secret does not apply to list'],
    [['pull', 'main-number', '--base', DEPLOYED_BASE], '--base does not apply to pull'],
  ])('%j is a usage error', async (argv, message) => {
    // Act
    const result = await rules(argv, {}, secretStore());

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${message}`);
    expect(result.stdout).toBe('');
  });

  it('is in the help, with its options and an example of each use', async () => {
    // Act
    const { stdout } = await rules(['--help']);

    // Assess
    for (const text of [
      'url <route>',
      '--base URL',
      '--secret ID',
      'RouteUrlCommand',
      'url main-number --endpoint',
      'url main-number --base',
    ]) {
      expect(stdout).toContain(text);
    }
  });
});
