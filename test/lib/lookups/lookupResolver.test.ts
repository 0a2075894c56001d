import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeOutboundFetcher } from '../../../adapters/outbound/nodeOutboundFetcher';
import { LookupResolver, type LookupReport } from '../../../lib/lookups/lookupResolver';
import { inMemorySecrets } from '../../../lib/lookups/secretSource';
import { OutboundCache } from '../../../lib/outbound/outboundCache';
import { lookupSchema } from '../../../lib/routes/lookupSchema';
import type { PlaceholderValues } from '../../../lib/routes/placeholders';

/** Echoes what it received, so the test sees the request a lookup really sends. */
let server: Server;
let base: string;
const received: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url?.startsWith('/missing'))
        return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such customer"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ account: { status: 'unpaid', owner: 'Ada' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const values: PlaceholderValues = {
  request: { 'Caller-ID-Number': '+14155550123', 'Caller-ID-Name': 'Smith & Sons/Co?x=1' },
  digits: { account: '4242' },
  vars: { tier: 'gold' },
  match: [],
};

function resolver(reports: LookupReport[] = []) {
  return new LookupResolver({
    fetcher: nodeOutboundFetcher({ allowHttp: true, allowedCidrs: ['127.0.0.1/32'] }),
    secrets: inMemorySecrets({ 'r1/key': 'k-123', 'r1/basic': 'ada:pw' }),
    cache: new OutboundCache({ now: () => 0 }),
    onReport: (r) => reports.push(r),
  });
}

describe('LookupResolver', () => {
  it('URL-encodes each placeholder value: a caller name with & / ? stays one parameter', async () => {
    // Prepare
    const lookup = lookupSchema.parse({
      url: `${base}/a?name={{Caller-ID-Name}}&n={{Caller-ID-Number}}`,
      map: { status: 'account.status' },
    });

    // Act
    const result = await resolver().resolve('r1', 'crm', lookup, values, { remainingMs: 2_000 });

    // Assess
    expect(result).toEqual({ status: 'unpaid' });
    const url = new URL(received.at(-1)!.url, base);
    expect(url.searchParams.get('name')).toBe('Smith & Sons/Co?x=1');
    expect(url.searchParams.get('n')).toBe('+14155550123');
    expect([...url.searchParams.keys()]).toEqual(['name', 'n']);
  });

  it('POSTs a JSON body filled from digits and vars, with an API key header read by name', async () => {
    // Prepare
    const lookup = lookupSchema.parse({
      url: `${base}/accounts`,
      method: 'POST',
      body: { account: '{{digits.account}}', tier: '{{vars.tier}}', fixed: 7 },
      auth: { header: 'X-Api-Key', secret: 'key' },
      map: { owner: '/account/owner' },
    });

    // Act
    const result = await resolver().resolve('r1', 'billing', lookup, values, { remainingMs: 2_000 });

    // Assess
    const sent = received.at(-1)!;
    expect(result).toEqual({ owner: 'Ada' });
    expect(sent.method).toBe('POST');
    expect(JSON.parse(sent.body)).toEqual({ account: '4242', tier: 'gold', fixed: 7 });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-api-key']).toBe('k-123');
  });

  it('a secret the route does not have makes the lookup missing, reported without the request', async () => {
    // Prepare
    const reports: LookupReport[] = [];
    const lookup = lookupSchema.parse({
      url: `${base}/a?n={{Caller-ID-Number}}`,
      auth: { bearer: 'nope' },
      map: { status: 'account.status' },
    });
    const before = received.length;

    // Act
    const result = await resolver(reports).resolve('r1', 'crm', lookup, values, { remainingMs: 2_000 });

    // Assess
    expect(result).toBeNull();
    expect(received.length).toBe(before);
    expect(reports).toEqual([expect.objectContaining({ source: 'failed', reason: 'secret-unavailable', target: `${base}/a` })]);
  });

  it('reports the URL as the route writes it: a caller number in the path stays a placeholder', async () => {
    // Prepare
    const reports: LookupReport[] = [];
    const lookup = lookupSchema.parse({ url: `${base}/customers/{{Caller-ID-Number}}?k=1`, map: { status: 'account.status' } });

    // Act
    await resolver(reports).resolve('r1', 'crm', lookup, values, { remainingMs: 2_000 });

    // Assess
    expect(received.at(-1)!.url).toBe('/customers/%2B14155550123?k=1');
    expect(reports[0]!.target).toBe(`${base}/customers/{{Caller-ID-Number}}`);
    expect(JSON.stringify(reports)).not.toContain('14155550123');
  });

  it('a 404 is an answer (no such customer): no fields, cached, never counted against the API', async () => {
    // Prepare
    const reports: LookupReport[] = [];
    const lookups = resolver(reports);
    const lookup = lookupSchema.parse({ url: `${base}/missing?n={{Caller-ID-Number}}`, map: { status: 'account.status' } });

    // Act
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await lookups.resolve('r1', 'crm', lookup, values, { remainingMs: 2_000 }));

    // Assess
    expect(results).toEqual([{}, {}, {}, {}]);
    expect(reports.map((r) => [r.source, r.reason])).toEqual([
      ['fetched', undefined],
      ['hit', undefined],
      ['hit', undefined],
      ['hit', undefined],
    ]);
  });

  it('with no time left in the call, does not even start', async () => {
    // Prepare
    const reports: LookupReport[] = [];
    const lookup = lookupSchema.parse({ url: `${base}/a`, map: { status: 'account.status' } });
    const before = received.length;

    // Act
    const result = await resolver(reports).resolve('r1', 'crm', lookup, values, { remainingMs: 5 });

    // Assess
    expect(result).toBeNull();
    expect(received.length).toBe(before);
    expect(reports[0]).toMatchObject({ source: 'failed', reason: 'timeout' });
  });
});
