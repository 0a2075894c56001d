import { describe, expect, it } from '@jest/globals';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';
import { InvalidRequestError, TooManyParametersError } from '../../../lib/errors';
import type { KazooParams } from '../../../lib/request/encodeKazooParams';
import { MAX_PARAMETERS } from '../../../lib/request/parameterBudget';
import type { HttpRequest } from '../../../lib/request/httpRequest';
import { httpRequestFrom, pivotHttpRequest } from '../../fixtures/apiGatewayEvents';
import { ACCOUNT_ID, CALL_ID, OTHER_USER_ID, USER_ID, kazooParams } from '../../fixtures/kazooCalls';
import { requestForms } from '../../fixtures/pivotRequestForms';

describe('normalizePivotRequest: every request form gives the same fields', () => {
  const forms = requestForms({ voiceUrlQuery: 'token=s3cret&step=menu&exp=1795258800&sig=s1gnature', route: 'main-number' });

  it.each(forms.map((f) => [f.name, f] as const))('%s', (_name, form) => {
    // Act
    const request = normalizePivotRequest(httpRequestFrom(form.event));

    // Assess
    expect(request).toMatchObject({
      dialect: form.dialect,
      method: form.as === 'get' ? 'GET' : 'POST',
      bodyFormat: form.as === 'get' ? 'query' : form.as,
      callId: CALL_ID,
      accountId: ACCOUNT_ID,
      callerIdName: 'Ada Lovelace',
      callerIdNumber: '+14155550123',
      from: '+14155550123',
      to: '+12125550100',
      direction: 'inbound',
      routeId: 'main-number',
      token: 's3cret',
      step: 'menu',
      followUp: { exp: '1795258800', sig: 's1gnature' },
    });
    // The voice_url's own credentials are never call data (placeholders, logs, stored state).
    for (const control of ['token', 'step', 'exp', 'sig']) expect(request.params[control]).toBeUndefined();
  });
});

describe('normalizePivotRequest: Kazoo encoding', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['+ as space and %XX', 'Caller-ID-Name=Ada+L%C3%B6velace%2C+Jr.', { callerIdName: 'Ada Lövelace, Jr.' }],
    ['User-ID[] as a list', `User-ID[]=${USER_ID}&User-ID[]=${OTHER_USER_ID}`, { userIds: [USER_ID, OTHER_USER_ID] }],
    ['User-ID as a string', `User-ID=${USER_ID}`, { userIds: [USER_ID] }],
    ['no User-ID', '', { userIds: [] }],
    [
      'Digits collections',
      'Digits[default]=1&Digits[pin]=1234',
      { digits: { collections: { default: '1', pin: '1234' }, latest: '1234', form: 'collections' } },
    ],
    ['Digits as a TwiML string', 'Digits=42', { digits: { collections: { default: '42' }, latest: '42', form: 'string' } }],
    [
      'Custom-Application-Vars and SIP headers as maps',
      'Custom-Application-Vars[account]=9001&Custom-SIP-Headers[X-Tier]=gold',
      { customApplicationVars: { account: '9001' }, customSipHeaders: { 'X-Tier': 'gold' } },
    ],
    ['empty && segments', '&&Language=fr-ca&&&', { language: 'fr-ca' }],
    ['encoded bracket keys', 'Digits%5Bpin%5D=77', { digits: { collections: { pin: '77' }, latest: '77', form: 'collections' } }],
  ];

  it.each(cases)('%s', (_name, extra, expected) => {
    // Prepare
    const http = pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: `Call-ID=abc&${extra}` });

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(request).toMatchObject(expected);
  });

  it('keeps nested and unknown parameters, in any order', () => {
    // Prepare
    const http = pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: 'k[a][b]=v&Zeta=1&Call-ID=abc&QueueSid=q1' });

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(request.params).toEqual({ 'Call-ID': 'abc', k: { a: { b: 'v' } }, Zeta: '1', QueueSid: 'q1' });
  });

  it('reads a JSON body with objects and arrays as they are', () => {
    // Prepare
    const http = pivotHttpRequest({
      as: 'json',
      params: kazooParams({ Digits: { pin: '1234' }, 'User-ID': [USER_ID, OTHER_USER_ID], 'Custom-Application-Vars': { tier: 'gold' } }),
    });

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(request.digits.collections).toEqual({ pin: '1234' });
    expect(request.userIds).toEqual([USER_ID, OTHER_USER_ID]);
    expect(request.customApplicationVars).toEqual({ tier: 'gold' });
  });

  it.each([
    ['application/json; charset=UTF-8', 'json'],
    ['Application/JSON', 'json'],
    ['application/x-www-form-urlencoded; charset=utf-8', 'form'],
    ['APPLICATION/X-WWW-FORM-URLENCODED', 'form'],
  ] as const)('accepts Content-Type %s', (contentType, as) => {
    // Prepare
    const http = pivotHttpRequest({ as, params: kazooParams(), contentType });

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(request.callId).toBe(CALL_ID);
    expect(request.bodyFormat).toBe(as);
  });

  it("reads a form body with the query string's parser: brackets, repeats and Kazoo's encoding alike", () => {
    // Prepare
    const form = 'Call-ID=abc&Digits[pin]=12&User-ID[]=a&User-ID[]=b&Caller-ID-Name=Ada+L%C3%B6velace';
    const viaBody = { ...pivotHttpRequest({ as: 'form', params: {} }), body: form };
    const viaQuery = pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: form });

    // Act
    const fromBody = normalizePivotRequest(viaBody);
    const fromQuery = normalizePivotRequest(viaQuery);

    // Assess
    expect(fromBody).toMatchObject({
      callId: 'abc',
      bodyFormat: 'form',
      userIds: ['a', 'b'],
      digits: { collections: { pin: '12' } },
      callerIdName: 'Ada Lövelace',
    });
    expect({ ...fromBody, method: 'GET', bodyFormat: 'query' }).toEqual(fromQuery);
  });
});

describe('normalizePivotRequest: bad requests name the field', () => {
  const badCases: [string, HttpRequest, string][] = [
    ['no Call-ID at all', pivotHttpRequest({ as: 'get', params: kazooParams({ 'Call-ID': undefined }) }), 'Call-ID'],
    ['an empty CallSid', pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: 'CallSid=&From=1' }), 'Call-ID'],
    ['a malformed JSON body', { ...pivotHttpRequest({ as: 'json', params: kazooParams() }), body: '{"Call-ID": ' }, 'body'],
    ['a JSON array body', { ...pivotHttpRequest({ as: 'json', params: kazooParams() }), body: '[1,2]' }, 'body'],
    ['an unsupported content type', pivotHttpRequest({ as: 'form', params: kazooParams(), contentType: 'text/plain' }), 'content-type'],
    ['Call-ID as an object', pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: 'Call-ID[a]=1' }), 'Call-ID'],
    ['a PUT', { ...pivotHttpRequest({ as: 'get', params: kazooParams() }), method: 'PUT' }, 'method'],
  ];

  it.each(badCases)('%s', (_name, http, field) => {
    // Act
    const attempt = () => normalizePivotRequest(http);

    // Assess
    expect(attempt).toThrow(InvalidRequestError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidRequestError).field).toBe(field);
      expect((error as Error).message.toLowerCase()).toContain(field.toLowerCase());
    }
  });
});

describe('normalizePivotRequest: bracket keys never reach a prototype', () => {
  it.each([
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes',
    'Custom-Application-Vars[__proto__][polluted]=yes',
    'Digits[constructor][prototype][polluted]=yes',
    '__proto__=yes',
  ])('%s', (hostile) => {
    // Prepare
    const http = pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: `Call-ID=abc&${hostile}` });

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('polluted');
    expect(request.callId).toBe('abc');
  });

  it('drops hostile keys from JSON bodies too', () => {
    // Prepare
    const http = {
      ...pivotHttpRequest({ as: 'json', params: {} }),
      body: '{"Call-ID":"abc","__proto__":{"polluted":1},"Custom-Application-Vars":{"constructor":{"prototype":{"polluted":1}}}}',
    };

    // Act
    const request = normalizePivotRequest(http);

    // Assess
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('polluted');
  });
});

/** A JSON escape of a lone surrogate: what JSON.stringify writes for one, and what Kazoo's decoder refuses. */
const LONE_SURROGATE_ESCAPE =
  /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

describe('normalizePivotRequest: lone surrogates become U+FFFD, whatever carried them', () => {
  const jsonBody = '{"Call-ID":"abc","Caller-ID-Name":"\\ud83d","\\udc00key":"v","Custom-Application-Vars":{"note":"x\\ud83d"}}';
  const cases: [string, HttpRequest][] = [
    ['a JSON body (escapes JSON.parse accepts)', { ...pivotHttpRequest({ as: 'json', params: {} }), body: jsonBody }],
    [
      'a form body (raw and percent-encoded)',
      {
        ...pivotHttpRequest({ as: 'form', params: {} }),
        body: 'Call-ID=abc&Caller-ID-Name=%ED%A0%BD&\udc00key=v&Custom-Application-Vars[note]=x\ud83d',
      },
    ],
    [
      'a query string (raw and percent-encoded)',
      pivotHttpRequest({
        as: 'get',
        params: {},
        voiceUrlQuery: 'Call-ID=abc&Caller-ID-Name=\ud83d&%ED%B0%80key=v&Custom-Application-Vars[note]=x%ED%A0%BD',
      }),
    ],
  ];

  it.each(cases)('%s', (_name, http) => {
    // Act
    const request = normalizePivotRequest(http);

    // Assess: every key and value well-formed, the rest of the text kept
    expect(JSON.stringify(request)).not.toMatch(LONE_SURROGATE_ESCAPE);
    expect(request.callerIdName).toMatch(/^\uFFFD+$/);
    expect(Object.keys(request.params).find((k) => k.endsWith('key'))).toMatch(/^\uFFFD+key$/);
    expect(request.customApplicationVars['note']).toMatch(/^x\uFFFD+$/);
  });
});

describe('normalizePivotRequest: one parameter limit for GET, form and JSON', () => {
  /** `count` parameters in all, the voice_url's token included, nested ones (Digits, User-ID) counted per value. */
  function params(count: number): KazooParams {
    const fillers = Array.from({ length: count - 6 }, (_, i) => [`X-Extra-${i}`, 'v'] as const);
    return {
      'Call-ID': 'many',
      Digits: { account: '12345', pin: '9876' },
      'User-ID': [USER_ID, OTHER_USER_ID],
      ...Object.fromEntries(fillers),
    };
  }
  const requestOf = (as: 'get' | 'form' | 'json', count: number) =>
    pivotHttpRequest({ as, params: params(count), voiceUrlQuery: 'token=t' });

  it.each(['get', 'form', 'json'] as const)('%s: exactly MAX_PARAMETERS are read', (as) => {
    // Act
    const request = normalizePivotRequest(requestOf(as, MAX_PARAMETERS));

    // Assess
    expect(request.callId).toBe('many');
    expect(request.digits.collections).toEqual({ account: '12345', pin: '9876' });
    // Every one read: all but the token, Digits' and User-ID's two values each under one key.
    expect(Object.keys(request.params)).toHaveLength(MAX_PARAMETERS - 3);
  });

  it.each(['get', 'form', 'json'] as const)('%s: one more is refused, naming the limit', (as) => {
    // Act
    const attempt = () => normalizePivotRequest(requestOf(as, MAX_PARAMETERS + 1));

    // Assess
    expect(attempt).toThrow(TooManyParametersError);
    expect(attempt).toThrow(`more than ${MAX_PARAMETERS} parameters`);
  });
});

describe('normalizePivotRequest: a key sent both plain and with members keeps both', () => {
  it.each(['Digits[account]=12345&Digits=9', 'Digits=9&Digits[account]=12345'])(
    '%s: every collection, the plain one as default',
    (query) => {
      // Prepare
      const viaQuery = pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: `Call-ID=abc&${query}` });
      const viaForm = { ...pivotHttpRequest({ as: 'form', params: {} }), body: `Call-ID=abc&${query}` };

      // Act
      const requests = [normalizePivotRequest(viaQuery), normalizePivotRequest(viaForm)];

      // Assess
      for (const request of requests) {
        expect(request.digits).toEqual({ collections: { account: '12345', default: '9' }, latest: '9', form: 'collections' });
      }
    },
  );

  it.each([
    [`User-ID=${USER_ID}&User-ID[]=${OTHER_USER_ID}`, [USER_ID, OTHER_USER_ID]],
    [`User-ID[]=${OTHER_USER_ID}&User-ID=${USER_ID}`, [OTHER_USER_ID, USER_ID]],
  ])('%s: a plain value joins the list', (query, userIds) => {
    // Act
    const request = normalizePivotRequest(pivotHttpRequest({ as: 'get', params: {}, voiceUrlQuery: `Call-ID=abc&${query}` }));

    // Assess
    expect(request.userIds).toEqual(userIds);
  });
});
