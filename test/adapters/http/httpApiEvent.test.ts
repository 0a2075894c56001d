import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { httpApiEventSchema, httpApiResultOf, httpRequestOf, routeUrlOf } from '../../../adapters/http/httpApiEvent';
import { RUNTIME_DEFAULTS } from '../../../adapters/lambda/runtimeConfig';
import { InvalidRequestError, RequestTooLargeError, TooManyParametersError } from '../../../lib/errors';
import { jsonAnswer } from '../../../lib/http/httpAnswer';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';
import { MAX_PARAMETERS } from '../../../lib/request/parameterBudget';
import { pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { CALL_ID, kazooParams } from '../../fixtures/kazooCalls';

const LIMITS = { maxBodyBytes: RUNTIME_DEFAULTS.MAX_BODY_BYTES, maxQueryBytes: RUNTIME_DEFAULTS.MAX_QUERY_BYTES };
const UNLIMITED = { maxBodyBytes: Infinity, maxQueryBytes: Infinity };

describe('httpRequestOf: an HTTP API event becomes the request lib reads', () => {
  it('decodes a base64 form body to its text, as Kazoo encoded it', () => {
    // Prepare
    const event = pivotEventV2({ as: 'form', params: kazooParams({ 'Caller-ID-Name': "Zoë O'Brien & Co" }), route: 'main-number' });

    // Act
    const http = httpRequestOf(event, LIMITS);

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(http).toMatchObject({
      method: 'POST',
      routeId: 'main-number',
      path: '/pivot/main-number',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(http.body).toContain('Caller-ID-Name=Zo%C3%AB+O%27Brien+%26+Co');
    expect(normalizePivotRequest(http)).toMatchObject({ callId: CALL_ID, callerIdName: "Zoë O'Brien & Co", bodyFormat: 'form' });
  });

  it.each([
    ['as text', false],
    ['base64-encoded', true],
  ])('passes a JSON body %s through as the same text', (_label, base64) => {
    // Prepare
    const params = kazooParams({ Digits: { pin: '1234' } });
    const event = pivotEventV2({ as: 'json', params, base64 });

    // Act
    const http = httpRequestOf(event, LIMITS);

    // Assess
    expect(http.body).toBe(JSON.stringify(params));
    expect(normalizePivotRequest(http)).toMatchObject({ bodyFormat: 'json', digits: { collections: { pin: '1234' } } });
  });

  it.each([
    ['Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8', 'form'],
    ['CONTENT-TYPE', 'APPLICATION/X-WWW-FORM-URLENCODED', 'form'],
    ['Content-Type', 'Application/JSON; charset=utf-8', 'json'],
  ] as const)('reads the header %s: %s whatever its case and parameters', (name, value, as) => {
    // Prepare: a header name as a client may write it, not yet lowercased
    const event = pivotEventV2({ as, params: kazooParams() });
    const { 'content-type': _dropped, ...others } = event.headers;
    const raw = { ...event, headers: { ...others, [name]: value } };

    // Act
    const http = httpRequestOf(raw, LIMITS);

    // Assess
    expect(http.headers['content-type']).toBe(value);
    expect(normalizePivotRequest(http)).toMatchObject({ callId: CALL_ID, bodyFormat: as });
  });

  it('keeps the query string exactly as sent, for lib to decode the way Kazoo encoded it', () => {
    // Prepare: kz_http_util's encoding: `+` for space, %XX for the rest, bracket keys unencoded
    const rawQuery =
      'token=t&Call-ID=abc%4010.0.0.1&Caller-ID-Name=Ada+L%C3%B6velace%2C+Jr.&Caller-ID-Number=%2B14155550123&Digits[pin]=0042&User-ID[]=a&User-ID[]=b';
    const event = { ...pivotEventV2({ as: 'get', params: {} }), rawQueryString: rawQuery };

    // Act
    const http = httpRequestOf(event, LIMITS);
    const request = normalizePivotRequest(http);

    // Assess
    expect(http.rawQuery).toBe(rawQuery);
    expect(request).toMatchObject({
      token: 't',
      callId: 'abc@10.0.0.1',
      callerIdName: 'Ada Lövelace, Jr.',
      callerIdNumber: '+14155550123',
      digits: { collections: { pin: '0042' } },
      userIds: ['a', 'b'],
    });
  });

  it('reads a form body exactly like the same GET query string, and holds both to one parameter limit', () => {
    // Prepare: node:querystring (what middy's body parser used) stopped at 1,000 keys, the query parser never did
    const formOf = (count: number) =>
      ['Call-ID=many', ...Array.from({ length: count - 1 }, (_, i) => `Custom-Application-Vars[v${i}]=${i}`)].join('&');
    const post = (form: string) => ({ ...pivotEventV2({ as: 'form', params: {} }), body: Buffer.from(form).toString('base64') });
    const get = (form: string) => pivotEventV2({ as: 'get', params: {}, voiceUrlQuery: form });

    // Act
    const fromBody = normalizePivotRequest(httpRequestOf(post(formOf(MAX_PARAMETERS)), UNLIMITED));
    const fromQuery = normalizePivotRequest(httpRequestOf(get(formOf(MAX_PARAMETERS)), UNLIMITED));
    const overBody = () => normalizePivotRequest(httpRequestOf(post(formOf(1_200)), UNLIMITED));
    const overQuery = () => normalizePivotRequest(httpRequestOf(get(formOf(1_200)), UNLIMITED));

    // Assess
    expect(Object.keys(fromBody.customApplicationVars)).toHaveLength(MAX_PARAMETERS - 1);
    expect(fromBody.params).toEqual(fromQuery.params);
    expect(fromBody.customApplicationVars).toEqual(fromQuery.customApplicationVars);
    expect(overBody).toThrow(TooManyParametersError);
    expect(overQuery).toThrow(TooManyParametersError);
  });

  it('carries the source address API Gateway saw, for the source allowlist', () => {
    // Prepare
    const event = pivotEventV2({ as: 'get', params: kazooParams() });

    // Act
    const http = httpRequestOf(event, LIMITS);

    // Assess
    expect(http.sourceIp).toBe(event.requestContext.http.sourceIp);
  });

  it('gives the route, the path, the host and no body for a GET', () => {
    // Act
    const http = httpRequestOf(
      pivotEventV2({ as: 'get', params: kazooParams(), route: 'sales support', path: '/pivot/sales%20support' }),
      LIMITS,
    );

    // Assess
    expect(http).toMatchObject({
      method: 'GET',
      routeId: 'sales support',
      path: '/pivot/sales%20support',
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
    });
    expect(http.body).toBeUndefined();
  });
});

describe('httpRequestOf: what it refuses', () => {
  it.each([
    ['a body one byte over the limit', { body: 'x'.repeat(LIMITS.maxBodyBytes + 1), isBase64Encoded: false }, 'body'],
    [
      'a body under the limit in characters but over it in UTF-8 bytes',
      { body: '€'.repeat(LIMITS.maxBodyBytes / 2), isBase64Encoded: false },
      'body',
    ],
    [
      'a base64 body whose decoded size is over the limit',
      { body: Buffer.from('x'.repeat(LIMITS.maxBodyBytes + 3)).toString('base64'), isBase64Encoded: true },
      'body',
    ],
    ['a query string one byte over the limit', { rawQueryString: 'q'.repeat(LIMITS.maxQueryBytes + 1) }, 'query'],
    [
      'an oversized body in an event that is not even well-formed',
      { body: 'x'.repeat(LIMITS.maxBodyBytes + 1), isBase64Encoded: false, headers: 'nonsense', version: '1.0' },
      'body',
    ],
  ])('%s, as too large, before reading anything', (_label, overrides, part) => {
    // Prepare
    const event = { ...pivotEventV2({ as: 'form', params: {} }), ...overrides };

    // Act
    const attempt = () => httpRequestOf(event, LIMITS);

    // Assess
    expect(attempt).toThrow(RequestTooLargeError);
    expect(attempt).toThrow(part === 'body' ? /body/ : /query/);
  });

  it('accepts a body of exactly the limit', () => {
    // Prepare
    const body = 'x'.repeat(LIMITS.maxBodyBytes);

    // Act
    const http = httpRequestOf({ ...pivotEventV2({ as: 'form', params: {} }), body, isBase64Encoded: false }, LIMITS);

    // Assess
    expect(http.body).toBe(body);
  });

  it.each([
    [
      'a REST API (payload 1.0) event',
      { resource: '/pivot/{route}', httpMethod: 'GET', path: '/pivot/main', queryStringParameters: { 'Call-ID': 'x' } },
      'version',
    ],
    ['a body that is not text', { ...pivotEventV2({ as: 'get', params: {} }), body: { 'Call-ID': 'x' } }, 'body'],
    ['headers that are not a map', { ...pivotEventV2({ as: 'get', params: {} }), headers: 'content-type: application/json' }, 'headers'],
    ['no event at all', null, undefined],
  ])('%s, as a bad request naming the field', (_label, event, field) => {
    // Act
    const attempt = () => httpRequestOf(event, LIMITS);

    // Assess
    expect(attempt).toThrow(InvalidRequestError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidRequestError).field).toBe(field);
    }
  });
});

describe('the way back: URLs to pivot to and results for API Gateway', () => {
  it('builds the route URL from the domain and the path, never the query string', () => {
    // Prepare
    const http = httpRequestOf(
      pivotEventV2({ as: 'get', params: kazooParams(), route: 'account-pin', voiceUrlQuery: 'token=s3cret&step=pin' }),
      LIMITS,
    );

    // Act
    const deployed = routeUrlOf(http);
    const local = routeUrlOf({ ...http, host: '127.0.0.1:3000' }, 'http');

    // Assess
    expect(deployed).toBe('https://abc123.execute-api.us-east-1.amazonaws.com/pivot/account-pin');
    expect(local).toBe('http://127.0.0.1:3000/pivot/account-pin');
  });

  it('answers API Gateway with the status, headers and body lib chose', () => {
    // Act
    const result = httpApiResultOf(jsonAnswer(503, { error: 'unavailable' }));

    // Assess
    expect(result).toEqual({
      statusCode: 503,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: '{"error":"unavailable"}',
    });
  });
});

describe('httpRequestOf reads an event the schema refuses never, whatever its fields hold', () => {
  const anything = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.integer(),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.integer()), { maxKeys: 3 }),
  );
  const event = fc.record(
    {
      version: fc.oneof(fc.constant('2.0'), fc.constant('1.0'), anything),
      rawPath: fc.oneof(fc.constant('/pivot/main-number'), anything),
      rawQueryString: fc.oneof(fc.constant('Call-ID=1'), anything),
      headers: fc.oneof(fc.constant({ host: 'example.com' }), anything),
      pathParameters: fc.oneof(fc.constant({ route: 'main-number' }), anything),
      body: anything,
      isBase64Encoded: anything,
      requestContext: fc.oneof(
        fc.record(
          { domainName: anything, http: fc.oneof(fc.record({ method: anything, sourceIp: anything }), anything) },
          { requiredKeys: [] },
        ),
        anything,
      ),
    },
    { requiredKeys: [] },
  );

  it('accepts exactly the events the schema accepts, and reads them the same way', () => {
    fc.assert(
      fc.property(event, (e) => {
        // Act
        const schema = httpApiEventSchema.safeParse(e);
        let read: unknown;
        try {
          read = httpRequestOf(e, UNLIMITED);
        } catch (error) {
          read = error;
        }

        // Assess
        if (!schema.success) expect(read).toBeInstanceOf(InvalidRequestError);
        else if (!(read instanceof RequestTooLargeError)) expect(read).toEqual(httpRequestOf(schema.data, UNLIMITED));
      }),
      { numRuns: 3_000 },
    );
  });
});
