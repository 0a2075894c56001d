import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerSecrets } from '../../../adapters/secrets/secretsManagerSecrets';
import { OutboundFetchError } from '../../../lib/errors';
import { authHeaders } from '../../../lib/lookups/secretSource';

/**
 * The adapter against a local endpoint that speaks Secrets Manager's JSON protocol
 * (what the SDK really sends over HTTP): which secret ids are asked for, and what
 * comes back to the lookup when a secret is missing or the service is down.
 */
const STORED: Record<string, string> = {
  'kazoo-pivot/lookups/route-a/crm-token': 'token-of-a',
  'kazoo-pivot/lookups/route-b/crm-token': 'token-of-b',
  'kazoo-pivot/lookups/route-a/billing': '{"username": "ada", "password": "s3cret"}',
};
let server: Server;
let endpoint: string;
const asked: string[] = [];
let down = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      asked.push(SecretId);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (down) return void res.writeHead(400).end(JSON.stringify({ __type: 'AccessDeniedException', message: 'denied' }));
      const value = STORED[SecretId];
      if (value === undefined) {
        return void res.writeHead(400).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: `no ${SecretId}` }));
      }
      res.writeHead(200).end(
        JSON.stringify({
          ARN: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${SecretId}-AbCdEf`,
          Name: SecretId,
          SecretString: value,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

function source(now = () => 0) {
  const client = new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  return secretsManagerSecrets(async () => client, { prefix: 'kazoo-pivot/lookups/', ttlMs: 60_000, now });
}

describe('secretsManagerSecrets', () => {
  it("reads a route's secret under that route's own folder, whatever name another route gives", async () => {
    // Prepare
    const secrets = source();

    // Act
    const a = await secrets.read('route-a', 'crm-token');
    const b = await secrets.read('route-b', 'crm-token');

    // Assess
    expect([a, b]).toEqual(['token-of-a', 'token-of-b']);
    expect(asked).toEqual(['kazoo-pivot/lookups/route-a/crm-token', 'kazoo-pivot/lookups/route-b/crm-token']);
  });

  it('builds Basic auth from a JSON secret, and a route naming a secret it does not have gets none', async () => {
    // Prepare
    const secrets = source();

    // Act
    const basic = await authHeaders(secrets, 'route-a', { basic: 'billing' });
    const missing = await secrets.read('route-b', 'billing').catch((e: unknown) => e);

    // Assess
    expect(basic).toEqual({ authorization: `Basic ${Buffer.from('ada:s3cret').toString('base64')}` });
    expect(missing).toBeInstanceOf(OutboundFetchError);
    expect((missing as OutboundFetchError).reason).toBe('secret-unavailable');
    expect(String(missing)).toContain('"billing"');
    expect(String(missing)).not.toContain('s3cret');
  });

  it('reads once per TTL, and keeps the value it holds when a refresh fails', async () => {
    // Prepare
    let now = 0;
    const secrets = source(() => now);
    await secrets.read('route-a', 'crm-token');
    const before = asked.length;

    // Act
    const cached = await secrets.read('route-a', 'crm-token');
    now = 120_000;
    down = true;
    const afterOutage = await secrets.read('route-a', 'crm-token');
    down = false;

    // Assess
    expect([cached, afterOutage]).toEqual(['token-of-a', 'token-of-a']);
    expect(asked.length).toBe(before + 1);
  });
});
