import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRulesCli } from '../../cli/rules/runRulesCli';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { routeToken, type RouteKeys } from '../../lib/pivot/routeCredentials';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { exampleDocument } from '../fixtures/exampleRoutes';
import { expectKazooValid } from '../support/kazooSchemas';

/** `npm run rules -- url <route> --kazoo`: the failover pivot node an operator pastes into Kazoo. */
async function rules(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runRulesCli(argv, io, { env: {}, readRouteKeys: async () => KEYS });
  return { code, stdout, stderr };
}

const KEYS: RouteKeys = { current: 'the-replicated-current-key-0123456789' };
const REGION_1 = 'https://one.execute-api.eu-west-1.amazonaws.com/pivot/';
const REGION_2 = 'https://two.execute-api.eu-central-1.amazonaws.com/pivot/';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:KazooPivot/route-keys-AbCdEf';
const deployed = ['--secret', SECRET, '--region', 'eu-west-1', '--base', REGION_1, '--base', REGION_2];
const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

describe('npm run rules -- url <route> --kazoo (two regions)', () => {
  it("prints a pivot node Kazoo accepts: the first region, its _ a pivot to the second, the last _ the route's fallback", async () => {
    // Act
    const result = await rules(['url', 'account-pin', '--kazoo', '--file', 'examples/account-pin.json', ...deployed]);

    // Assess
    expect(result.code).toBe(0);
    const node = JSON.parse(result.stdout) as CallflowNode;
    expectKazooValid(node);
    const token = routeToken(KEYS.current, 'account-pin');
    const second = node.children!['_']!;
    expect(node.data).toEqual({
      voice_url: `${REGION_1}account-pin?token=${token}&failover=${encodeURIComponent(`${REGION_2}account-pin`)}`,
      method: 'get',
      req_format: 'kazoo',
      req_timeout_ms: 3000,
    });
    expect(second).toEqual({
      module: 'pivot',
      data: { voice_url: `${REGION_2}account-pin?token=${token}&hop=1`, method: 'get', req_format: 'kazoo', req_timeout_ms: 3000 },
      children: { _: VOICEMAIL },
    });
  });

  it('says how long a caller can wait before the fallback on Kazoo 4.3 and on master', async () => {
    // Act
    const result = await rules(['url', 'account-pin', '--kazoo', '--file', 'examples/account-pin.json', ...deployed]);

    // Assess
    expect(result.stderr).toContain('req_timeout_ms 3000 per region');
    expect(result.stderr).toContain('at most 6 s on Kazoo 4.3, 26 s on master');
  });

  it("takes the fallback from the table's copy of the route when no file is given", async () => {
    // Prepare
    const { tableName } = await createTestTable('url-kazoo');
    const endpoint = process.env['DYNAMODB_ENDPOINT']!;
    const withPhone = { ...exampleDocument('main-number.json'), fallback: { module: 'hangup', data: {} } };
    const dir = mkdtempSync(join(tmpdir(), 'url-kazoo-'));
    try {
      writeFileSync(join(dir, 'main-number.json'), JSON.stringify(withPhone));
      expect((await rules(['push', join(dir, 'main-number.json'), '--endpoint', endpoint, '--table', tableName])).code).toBe(0);

      // Act
      const result = await rules(['url', 'main-number', '--kazoo', '--endpoint', endpoint, '--table', tableName, ...deployed]);

      // Assess
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).children._.children._).toEqual({ module: 'hangup', data: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the last _ out, and says so, when the fallback is a step only a region can play', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'url-kazoo-'));
    const file = join(dir, 'menu.json');
    writeFileSync(file, JSON.stringify({ ...exampleDocument('account-pin.json'), fallback: { goto: 'account' } }));
    try {
      // Act
      const result = await rules(['url', 'account-pin', '--kazoo', '--file', file, ...deployed]);

      // Assess
      expect(result.code).toBe(0);
      const node = JSON.parse(result.stdout) as CallflowNode;
      expectKazooValid(node);
      expect(node.children!['_']!.children?.['_']).toBeUndefined();
      expect(result.stderr).toContain(
        "warning: route account-pin has an IVR step as fallback, which needs a region to answer; the chain's last _ is left out",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an invalid route file, naming it, and prints no node', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'url-kazoo-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ id: 'account-pin', rules: 'none' }));
    try {
      // Act
      const result = await rules(['url', 'account-pin', '--kazoo', '--file', file, ...deployed]);

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without --kazoo, prints each region its own URLs; --file alone is a usage error', async () => {
    // Act
    const urls = await rules(['url', 'account-pin', ...deployed]);
    const fileAlone = await rules(['url', 'account-pin', '--file', 'examples/account-pin.json', ...deployed]);

    // Assess
    const token = routeToken(KEYS.current, 'account-pin');
    expect(urls.stdout.split('\n').filter(Boolean)).toEqual([
      `voice_url  ${REGION_1}account-pin?token=${token}  (region 1)`,
      `cdr_url    ${REGION_1}account-pin/cdr?token=${token}  (region 1)`,
      `voice_url  ${REGION_2}account-pin?token=${token}  (region 2)`,
      `cdr_url    ${REGION_2}account-pin/cdr?token=${token}  (region 2)`,
    ]);
    expect(fileAlone.code).toBe(2);
    expect(fileAlone.stderr).toContain('--file needs --kazoo');
  });
});
