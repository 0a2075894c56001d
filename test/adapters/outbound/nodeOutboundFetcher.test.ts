import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { lookup as dnsLookup } from 'node:dns';
import { nodeOutboundFetcher } from '../../../adapters/outbound/nodeOutboundFetcher';
import { OutboundFetchError } from '../../../lib/errors';
import type { OutboundRequest } from '../../../lib/outbound/outboundFetcher';

let server: Server;
let base: string;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/json') return void res.end(JSON.stringify({ ok: true, auth: req.headers.authorization ?? null }));
    if (req.url === '/big') return void res.end('x'.repeat(10_000));
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return void res.end();
    }
    if (req.url === '/slow') {
      const timer = setTimeout(() => res.end('{}'), 2_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    res.end('text body');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const LOCAL_ALLOWED = { allowHttp: true, allowedCidrs: ['127.0.0.1/32'] };
const request = (url: string, o: Partial<OutboundRequest> = {}): OutboundRequest => ({
  url,
  method: 'GET',
  expect: 'json',
  maxBytes: 1_000,
  timeoutMs: 500,
  ...o,
});

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundFetchError);
  return (error as OutboundFetchError).reason;
}

/** A resolver that says every name is at `address`, like a hostile DNS record. */
function resolvingTo(address: string): typeof dnsLookup {
  return ((_host: string, _options: unknown, callback: (e: null, a: { address: string; family: number }[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as unknown as typeof dnsLookup;
}

describe('nodeOutboundFetcher: address rules', () => {
  it.each([
    ['loopback', 'https://127.0.0.1/x'],
    ['the instance metadata address', 'https://169.254.169.254/latest/meta-data/'],
    ['a private range (10/8)', 'https://10.1.2.3/x'],
    ['a private range (192.168/16)', 'https://192.168.1.10/x'],
    ['a private range (172.16/12)', 'https://172.20.0.1/x'],
    ['IPv6 loopback', 'https://[::1]/x'],
    ['IPv6 link-local', 'https://[fe80::1]/x'],
    ['IPv6 unique local', 'https://[fd00::1]/x'],
    ['an IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/x'],
    ['plain http', 'http://example.com/x'],
    ['credentials in the URL', 'https://user:pw@example.com/x'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s without sending anything', async (_what, url) => {
    // Prepare
    const fetcher = nodeOutboundFetcher({ allowHttp: false, allowedCidrs: [] });

    // Act
    const reason = await reasonOf(fetcher.fetch(request(url)));

    // Assess
    expect(reason).toBe('refused-address');
  });

  it('judges the resolved address, not the name: a name pointing at 169.254.169.254 is refused', async () => {
    // Prepare
    const fetcher = nodeOutboundFetcher({ allowHttp: true, allowedCidrs: [] }, resolvingTo('169.254.169.254'));

    // Act
    const reason = await reasonOf(fetcher.fetch(request('http://metadata.attacker.example/latest/')));

    // Assess
    expect(reason).toBe('refused-address');
  });

  it('a name that resolves to an allowed loopback address connects to the address it judged', async () => {
    // Prepare
    const fetcher = nodeOutboundFetcher(LOCAL_ALLOWED, resolvingTo('127.0.0.1'));

    // Act
    const answer = await fetcher.fetch(request(`http://crm.internal.example:${port}/json`));

    // Assess
    expect(answer.json).toMatchObject({ ok: true });
  });

  it('loopback over http works only when the operator allows both', async () => {
    // Prepare
    const strict = nodeOutboundFetcher({ allowHttp: true, allowedCidrs: [] });
    const allowed = nodeOutboundFetcher(LOCAL_ALLOWED);

    // Act
    const refused = await reasonOf(strict.fetch(request(`${base}/json`)));
    const answer = await allowed.fetch(request(`${base}/json`, { headers: { authorization: 'Bearer t' } }));

    // Assess
    expect(refused).toBe('refused-address');
    expect(answer).toEqual({ status: 200, json: { ok: true, auth: 'Bearer t' } });
  });

  it('does not follow a redirect (it could point anywhere)', async () => {
    // Act
    const reason = await reasonOf(nodeOutboundFetcher(LOCAL_ALLOWED).fetch(request(`${base}/redirect`)));

    // Assess
    expect(reason).toBe('http-status');
  });
});

describe('nodeOutboundFetcher: budget, size and shape', () => {
  it('abandons an answer past its timeout, well before the server would answer', async () => {
    // Prepare
    const started = performance.now();

    // Act
    const reason = await reasonOf(nodeOutboundFetcher(LOCAL_ALLOWED).fetch(request(`${base}/slow`, { timeoutMs: 150 })));

    // Assess
    expect(reason).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("abandons at the caller's signal too", async () => {
    // Prepare
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    // Act
    const reason = await reasonOf(
      nodeOutboundFetcher(LOCAL_ALLOWED).fetch(request(`${base}/slow`, { timeoutMs: 1_900 }), { signal: controller.signal }),
    );

    // Assess
    expect(reason).toBe('timeout');
  });

  it('refuses an answer over the size cap', async () => {
    // Act
    const reason = await reasonOf(nodeOutboundFetcher(LOCAL_ALLOWED).fetch(request(`${base}/big`, { maxBytes: 1_000 })));

    // Assess
    expect(reason).toBe('too-large');
  });

  it('refuses text where JSON was expected, and returns it as text when asked', async () => {
    // Prepare
    const fetcher = nodeOutboundFetcher(LOCAL_ALLOWED);

    // Act
    const reason = await reasonOf(fetcher.fetch(request(`${base}/text`)));
    const text = await fetcher.fetch(request(`${base}/text`, { expect: 'text' }));

    // Assess
    expect(reason).toBe('not-json');
    expect(text.text).toBe('text body');
  });

  it('names host and path in its errors, never the query string', async () => {
    // Act
    const error = await nodeOutboundFetcher(LOCAL_ALLOWED)
      .fetch(request(`${base}/big?phone=%2B14155550123&key=s3cret`, { maxBytes: 10 }))
      .catch((e: Error) => e);

    // Assess
    expect(String(error)).toContain(`127.0.0.1:${port}/big`);
    expect(String(error)).not.toContain('s3cret');
    expect(String(error)).not.toContain('14155550123');
  });
});
