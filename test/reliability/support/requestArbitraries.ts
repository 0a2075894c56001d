import fc from 'fast-check';
import { pivotEventV2 } from '../../fixtures/apiGatewayEvents';
import { CALL_ID, kazooParams, twimlParams } from '../../fixtures/kazooCalls';
import { encodeKazooValue, kazooQueryString } from '../../../lib/request/encodeKazooParams';
import { followUpQueryFor, routeTokenFor } from '../../fixtures/pivotTestRuntime';

/**
 * Generators for hostile and broken Pivot requests: random and mutated-from-fixture
 * query strings and bodies, content types, base64 flags (true, false, lying),
 * bracket keys, huge values, unicode, invalid percent-escapes, in HTTP API (v2) events.
 */

export const ROUTES = ['main-number', 'account-pin', 'sales-support', 'vip-callers', 'bridging', 'presence', 'twiml-hotline'] as const;

/** A Kazoo request with every container Kazoo can send, as the fixture encoder writes it. */
const FIXTURE_PARAMS = kazooParams({
  Digits: { account: '12345', pin: '9876' },
  'Custom-Application-Vars': { tier: 'gold', note: 'a "quoted" {json}' },
  'Custom-SIP-Headers': { 'X-Account': 'acme' },
  'User-ID': ['f0e1d2c3b4a5968778695a4b3c2d1e0f', '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],
});
export const FIXTURE_QUERY = kazooQueryString(FIXTURE_PARAMS);
export const FIXTURE_TWIML_QUERY = kazooQueryString(twimlParams({ Digits: '1' }));
export const FIXTURE_JSON = JSON.stringify(FIXTURE_PARAMS);

const nasty = fc.constantFrom(
  '%',
  '%%',
  '%2',
  '%ZZ',
  '%zz',
  '%E2%82',
  '%C3%28',
  '%ED%A0%80',
  '%F0%9F%98',
  '%00',
  '%FF%FE',
  '%25',
  '%2B',
  '+',
  '++',
  '&',
  '&&',
  '=',
  '==',
  '[',
  ']',
  '[]',
  '][',
  '[[',
  ']]',
  '[a]',
  '[__proto__]',
  '[constructor]',
  '[prototype]',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u202E',
  '😀',
  '€',
  'Ω',
  '\r\n',
  '\t',
  '"',
  "'",
  '\\',
  '`',
  '<script>',
  '{"a":1}',
  '[1,2]',
  'null',
  '{{Caller-ID-Name}}',
  '{{digits.account}}',
  // A JavaScript template's syntax, not ours: it must stay literal text.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the test input
  '${x}',
);

const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'binary-ascii', maxLength: 16 }),
);

/** A piece of text as it may sit in a query string: raw, encoded, or nasty. */
export const textPiece = fc.oneof(
  { weight: 3, arbitrary: unicodeText },
  { weight: 2, arbitrary: unicodeText.map(encodeKazooValue) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** A few KB up to beyond the limits: near and over MAX_QUERY_BYTES / MAX_BODY_BYTES. */
export const hugeValue = fc
  .tuple(fc.integer({ min: 500, max: 20_000 }), fc.constantFrom('a', '%41', '€', '%E2%82%AC', '[', '%', '0', '😀'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

const knownKey = fc.constantFrom(
  'Call-ID',
  'CallSid',
  'Account-ID',
  'AccountSid',
  'Caller-ID-Name',
  'Caller-ID-Number',
  'From',
  'To',
  'Request',
  'Language',
  'Direction',
  'Digits',
  'Digits[]',
  'Digits[account]',
  'Digits[pin]',
  'Digits[default]',
  'Digits[menu]',
  'Digits[a][b]',
  'User-ID',
  'User-ID[]',
  'User-ID[x]',
  'Custom-Application-Vars[tier]',
  'Custom-Application-Vars[]',
  'Custom-Application-Vars',
  'Custom-SIP-Headers[X-A]',
  'Custom-SIP-Headers',
  'token',
  'token[]',
  'step',
  'step[x]',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  '__proto__',
  'a[__proto__][polluted]',
  'Digits[__proto__]',
  'Custom-Application-Vars[constructor][prototype]',
  'a[',
  'a]',
  '[x]',
  'x[]]',
  'x[[y]]',
  'k[a][b][c][d][e][f]',
);

export const key = fc.oneof({ weight: 3, arbitrary: knownKey }, { weight: 1, arbitrary: textPiece });
export const value = fc.oneof(
  { weight: 20, arbitrary: textPiece },
  {
    weight: 10,
    arbitrary: fc.constantFrom('12345', '9876', '1', '2', '+14155550123', '+442079460123', 'inbound', 'outbound', 'en-us', ''),
  },
  { weight: 1, arbitrary: hugeValue },
);

const pairs = fc.array(fc.tuple(key, value), { maxLength: 12 });
export const pairsText = pairs.map((ps) => ps.map(([k, v]) => `${k}=${v}`).join('&'));

/** Edits of a well-formed fixture: insert, delete, duplicate, truncate, swap. */
function mutated(base: string) {
  const edit = fc.oneof(
    fc.tuple(fc.constant('insert' as const), fc.nat(), fc.oneof(textPiece, fc.constantFrom('&', '=', '[', ']', '%'))),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 12 })),
    fc.tuple(fc.constant('duplicate' as const), fc.nat(), fc.integer({ min: 1, max: 40 })),
    fc.tuple(fc.constant('truncate' as const), fc.nat(), fc.constant(0)),
    fc.tuple(fc.constant('replace' as const), fc.nat(), textPiece),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let text = base;
    for (const [kind, at, arg] of edits) {
      const i = text.length === 0 ? 0 : at % (text.length + 1);
      if (kind === 'insert') text = text.slice(0, i) + arg + text.slice(i);
      else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + (arg as number));
      else if (kind === 'duplicate') text = text.slice(0, i + (arg as number)) + text.slice(i);
      else if (kind === 'truncate') text = text.slice(0, i);
      else text = text.slice(0, i) + arg + text.slice(i + String(arg).length);
    }
    return text;
  });
}

const kazooQuery = fc.oneof(
  { weight: 2, arbitrary: fc.constant(FIXTURE_QUERY) },
  { weight: 1, arbitrary: fc.constant(FIXTURE_TWIML_QUERY) },
  { weight: 4, arbitrary: mutated(FIXTURE_QUERY) },
  { weight: 1, arbitrary: mutated(FIXTURE_TWIML_QUERY) },
  { weight: 2, arbitrary: fc.tuple(fc.constant(FIXTURE_QUERY), pairsText).map(([a, b]) => (b ? `${a}&${b}` : a)) },
  { weight: 2, arbitrary: pairsText },
);

/** Stand-ins for what depends on the route, drawn independently: buildEvent fills them in for the event's route. */
const ROUTE_TOKEN = 'token={{route-token}}';
const signedStep = (step: string) => `{{signed-step:${step}}}`;

/**
 * The voice_url's own part: the token (mostly the route's own, so requests get past
 * authentication) and a step (mostly signed for the fixture's Call-ID, so follow-ups
 * reach the rules unless the Call-ID was mutated).
 */
const voiceUrlQuery = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(ROUTE_TOKEN) },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: textPiece.map((t) => `token=${t}`) },
      { weight: 1, arbitrary: fc.constant(`${ROUTE_TOKEN}&token=other`) },
      { weight: 1, arbitrary: fc.constant(`token=${routeTokenFor('main-number')}`) },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 2, arbitrary: fc.constantFrom('menu', 'account', 'pin').map(signedStep) },
      { weight: 1, arbitrary: fc.constantFrom('step=menu', 'step=account', 'step=pin') },
      { weight: 1, arbitrary: textPiece.map((t) => `step=${t}`) },
    ),
  )
  .map(([token, step]) => [token, step].filter(Boolean).join('&'));

function voiceUrlQueryFor(route: string, drawn: string): string {
  return drawn.replaceAll(ROUTE_TOKEN, `token=${routeTokenFor(route)}`).replace(/\{\{signed-step:(\w+)\}\}/g, (_, step: string) => {
    const query = new URLSearchParams(followUpQueryFor(route, CALL_ID, step));
    query.delete('token');
    return query.toString();
  });
}

const jsonBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant(FIXTURE_JSON) },
  { weight: 3, arbitrary: mutated(FIXTURE_JSON) },
  {
    weight: 3,
    arbitrary: fc
      .dictionary(key, fc.oneof(value, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 8 })
      .map((extra) => JSON.stringify({ ...FIXTURE_PARAMS, ...extra })),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"polluted":"yes"},"Call-ID":"c"}',
      '{"constructor":{"prototype":{"polluted":"yes"}},"Call-ID":"c"}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 10, max: 8_000 })
      .map((depth) => `{"Call-ID":"deep","Custom-Application-Vars":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`),
  },
);

const formBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant(FIXTURE_QUERY) },
  { weight: 4, arbitrary: mutated(FIXTURE_QUERY) },
  { weight: 3, arbitrary: pairsText },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 5_000 }).map((depth) => `Call-ID=deep&Custom-Application-Vars${'[x]'.repeat(depth)}=1`),
  },
);

const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: formBody },
  { weight: 4, arbitrary: jsonBody },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: hugeValue },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      ';',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'Application/X-WWW-Form-Urlencoded; charset=UTF-8',
      'application/vnd.kazoo+json',
      'text/plain',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/x-www-form-urlencoded;;;',
    ),
  },
  { weight: 1, arbitrary: textPiece },
);

const method = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 1, arbitrary: fc.constantFrom('get', 'post', 'PUT', 'HEAD', 'DELETE', '') },
);
const route = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...ROUTES) },
  { weight: 1, arbitrary: fc.constantFrom('no-such-route', '', '__proto__', 'constructor') },
  { weight: 1, arbitrary: textPiece },
);
/** true and false honestly, or a flag that lies about the body. */
const base64 = fc.constantFrom('honest-true', 'honest-false', 'lying-true', 'lying-false');

export type RequestParts = {
  method: string;
  route: string | undefined;
  voiceUrlQuery: string;
  query: string;
  body: string | undefined;
  contentType: string | undefined;
  base64: 'honest-true' | 'honest-false' | 'lying-true' | 'lying-false';
};

/** Every part drawn independently: mostly refusals. */
const randomParts: fc.Arbitrary<RequestParts> = fc.record({
  method,
  route: fc.option(route, { nil: undefined, freq: 20 }),
  voiceUrlQuery,
  query: kazooQuery,
  body,
  contentType,
  base64,
});

/** Shaped like Kazoo's own requests (method, body and content type agree), with damage inside: reaches the rules. */
const kazooShapedParts: fc.Arbitrary<RequestParts> = fc
  .record({
    as: fc.constantFrom('get', 'form', 'json'),
    route: fc.constantFrom(...ROUTES),
    voiceUrlQuery,
    query: kazooQuery,
    json: jsonBody,
    base64: fc.constantFrom('honest-true', 'honest-false') as fc.Arbitrary<RequestParts['base64']>,
  })
  .map(({ as, query, json, ...rest }) => ({
    ...rest,
    method: as === 'get' ? 'GET' : 'POST',
    query,
    body: as === 'get' ? undefined : as === 'form' ? query : json,
    contentType: as === 'get' ? undefined : as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
  }));

export const requestParts: fc.Arbitrary<RequestParts> = fc.oneof(
  { weight: 1, arbitrary: randomParts },
  { weight: 1, arbitrary: kazooShapedParts },
);

/** An HTTP API event carrying the generated parts, JSON-parsed as the Lambda runtime hands it over. */
export function eventOf(p: RequestParts): Record<string, unknown> {
  return JSON.parse(JSON.stringify(buildEvent(p))) as Record<string, unknown>;
}

function buildEvent(p: RequestParts): Record<string, unknown> {
  const own = voiceUrlQueryFor(p.route ?? 'main-number', p.voiceUrlQuery);
  const rawQuery = [own, p.method.toUpperCase() === 'POST' && p.body !== undefined ? '' : p.query].filter(Boolean).join('&');
  const encode = p.base64 === 'honest-true' || p.base64 === 'lying-false';
  const flag = p.base64 === 'honest-true' || p.base64 === 'lying-true';
  const body = p.body === undefined ? undefined : encode ? Buffer.from(p.body).toString('base64') : p.body;
  const v2 = pivotEventV2({ as: 'get', params: {}, route: p.route ?? 'main-number' });
  const headers: Record<string, string> = { ...v2.headers };
  if (p.contentType !== undefined) headers['content-type'] = p.contentType;
  const pathParameters = p.route === undefined ? undefined : { route: p.route };
  return {
    ...v2,
    rawQueryString: rawQuery,
    headers,
    requestContext: { ...v2.requestContext, http: { ...v2.requestContext.http, method: p.method } },
    pathParameters,
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: flag,
  };
}

/** Anything at all where an event is expected, but shaped like one: wrong types in every field. */
export const oddEvent = fc.record(
  {
    version: fc.oneof(fc.constant('2.0'), fc.constant(2), fc.constant(null)),
    rawQueryString: fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.array(fc.string(), { maxLength: 2 })),
    headers: fc.oneof(
      fc.constant(null),
      fc.constant('content-type: application/json'),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
    ),
    requestContext: fc.oneof(
      fc.constant(null),
      fc.constant({ http: { method: 'POST' } }),
      fc.constant({ http: { method: 7 } }),
      fc.constant('GET'),
    ),
    pathParameters: fc.oneof(fc.constant(null), fc.constant({ route: 'main-number' }), fc.constant({ route: 42 })),
    queryStringParameters: fc.oneof(
      fc.constant(null),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string())), { maxKeys: 3 }),
    ),
    body: fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.constant({ 'Call-ID': 'x' }), fc.constant(['Call-ID=x'])),
    isBase64Encoded: fc.oneof(fc.boolean(), fc.constant('true'), fc.constant(1)),
  },
  { requiredKeys: [] },
);
