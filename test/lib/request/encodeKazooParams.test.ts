import { describe, expect, it } from '@jest/globals';
import { kazooQueryString } from '../../../lib/request/encodeKazooParams';
import { normalizePivotRequest } from '../../../lib/request/normalizePivotRequest';

describe("kazooQueryString: the bytes Kazoo's kz_http_util:json_to_querystring sends", () => {
  it('sends an empty value as `key=`, as Kazoo does, at the top level and inside brackets', () => {
    // Act
    const query = kazooQueryString({ 'Call-ID': 'c1', Digits: '', 'Custom-SIP-Headers': { 'X-Foo': '' }, Language: undefined });

    // Assess
    expect(query).toBe('Call-ID=c1&Digits=&Custom-SIP-Headers[X-Foo]=');
  });

  it('keeps a timed-out collection visible as an empty collection, which our normalizer reads as nothing pressed', () => {
    // Prepare
    const query = kazooQueryString({ 'Call-ID': 'c1', Digits: { pin: '' } });

    // Act
    const request = normalizePivotRequest({
      method: 'GET',
      routeId: 'r',
      rawQuery: query,
      headers: {},
      body: undefined,
      host: 'h',
      path: '/pivot/r',
    });

    // Assess
    expect(query).toBe('Call-ID=c1&Digits[pin]=');
    expect(request.digits.collections['pin'] ?? '').toBe('');
  });
});
