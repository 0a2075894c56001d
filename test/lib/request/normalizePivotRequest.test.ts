import { describe, expect, it } from '@jest/globals';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';
import { InvalidRequestError } from '../../../lib/errors';
import type { HttpRequest } from '../../../lib/request/httpRequest';
import { httpRequestFrom, pivotHttpRequest } from '../../fixtures/apiGatewayEvents';
import { ACCOUNT_ID, CALL_ID, OTHER_USER_ID, USER_ID, kazooParams } from '../../fixtures/kazooCalls';
import { requestForms } from '../../fixtures/pivotRequestForms';

describe('normalizePivotRequest: every request form gives the same fields', () => {
  const forms = requestForms({ voiceUrlQuery: 'token=s3cret&step=menu', route: 'main-number' });

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
    });
    expect(request.params['token']).toBeUndefined();
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
