import { describe, expect, it } from '@jest/globals';
import { apiGatewayEventV2, type RawHttpRequest } from '../../local/apiGatewayEventV2';
import { matchRoute } from '../../local/httpRoutes';
import { normalizePivotRequest } from '../../lib/request/normalizePivotRequest';
import { httpRequestFrom } from '../fixtures/apiGatewayEvents';

function rawRequest(o: Partial<RawHttpRequest> & { headers?: [string, string][] }): RawHttpRequest {
  return {
    method: 'GET',
    target: '/pivot/main-number',
    rawHeaders: (o.headers ?? [['Host', 'localhost:3000']]).flat(),
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    receivedAt: new Date('2026-11-24T17:00:00Z'),
    ...o,
  };
}

const eventFor = (r: RawHttpRequest) => apiGatewayEventV2(r, matchRoute(r.method, r.target.split('?')[0]!)!, '192.0.2.2:3000');

describe('API Gateway HTTP API (v2) events built by the local server', () => {
  it('keeps the query string raw and lowercases header names, joining repeats with commas', () => {
    // Act
    const event = eventFor(
      rawRequest({
        target: '/pivot/main-number?token=t&Caller-ID-Number=%2B14155550123&Digits[pin]=1234',
        headers: [
          ['Host', 'localhost:3000'],
          ['X-Forwarded-For', '10.0.0.1'],
          ['x-forwarded-for', '10.0.0.2'],
          ['User-Agent', 'Kazoo'],
        ],
      }),
    );

    // Assess
    expect(event.rawQueryString).toBe('token=t&Caller-ID-Number=%2B14155550123&Digits[pin]=1234');
    expect(event.queryStringParameters).toEqual({ token: 't', 'Caller-ID-Number': '+14155550123', 'Digits[pin]': '1234' });
    expect(event.headers).toEqual({ host: 'localhost:3000', 'x-forwarded-for': '10.0.0.1,10.0.0.2', 'user-agent': 'Kazoo' });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /pivot/{route}',
      rawPath: '/pivot/main-number',
      pathParameters: { route: 'main-number' },
      isBase64Encoded: false,
      requestContext: {
        domainName: '192.0.2.2:3000',
        stage: '$default',
        http: { method: 'GET', path: '/pivot/main-number', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.body).toBeUndefined();
  });

  it('base64-encodes a form body, as API Gateway does for a Kazoo form POST', () => {
    // Act
    const event = eventFor(
      rawRequest({
        method: 'POST',
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: Buffer.from('Call-ID=abc&Caller-ID-Name=Ada+Lovelace'),
      }),
    );

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('Call-ID=abc&Caller-ID-Name=Ada+Lovelace');
    expect(normalizePivotRequest(httpRequestFrom(event))).toMatchObject({
      callId: 'abc',
      callerIdName: 'Ada Lovelace',
      bodyFormat: 'form',
    });
  });

  it('passes JSON and text bodies as they are', () => {
    // Act
    const json = eventFor(
      rawRequest({ method: 'POST', headers: [['Content-Type', 'application/json; charset=utf-8']], body: Buffer.from('{"Call-ID":"x"}') }),
    );
    const text = eventFor(rawRequest({ method: 'POST', headers: [['Content-Type', 'text/plain']], body: Buffer.from('hello') }));

    // Assess
    expect(json).toMatchObject({ body: '{"Call-ID":"x"}', isBase64Encoded: false });
    expect(text).toMatchObject({ body: 'hello', isBase64Encoded: false });
  });

  it('moves cookies out of the headers into `cookies`', () => {
    // Act
    const event = eventFor(
      rawRequest({
        headers: [
          ['Host', 'h'],
          ['Cookie', 'a=1; b=2'],
        ],
      }),
    );

    // Assess
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers['cookie']).toBeUndefined();
  });

  it('matches the cdr route and decodes the route name', () => {
    // Act
    const route = matchRoute('POST', '/pivot/main%20number/cdr');

    // Assess
    expect(route).toEqual({ target: 'cdr', routeKey: 'POST /pivot/{route}/cdr', pathParameters: { route: 'main number' } });
    expect(matchRoute('DELETE', '/pivot/x')).toBeUndefined();
    expect(matchRoute('GET', '/pivot/x/')).toBeUndefined();
  });
});
