import { describe, expect, it } from '@jest/globals';
import { InvalidRequestError } from '../../../lib/errors';
import { kazooRequest } from '../../fixtures/pivotRequests';
import { tokenQuery } from '../../fixtures/routeCredentials';

const NEXT = 'https://two.execute-api.eu-central-1.amazonaws.com/pivot/main';
const withQuery = (extra: string) => () => kazooRequest({}, { voiceUrlQuery: `${tokenQuery('main')}${extra}` });

describe("a voice_url's failover parameters", () => {
  it('reads the next region and the hop count, and keeps both out of call data', () => {
    // Act
    const request = withQuery(`&failover=${encodeURIComponent(NEXT)}&hop=1`)();

    // Assess
    expect(request.failover).toEqual({ next: NEXT, hop: 1 });
    expect(request.params['failover']).toBeUndefined();
    expect(request.params['hop']).toBeUndefined();
  });

  it('means the primary region with no next one when absent', () => {
    // Assess
    expect(withQuery('')().failover).toEqual({ hop: 0 });
  });

  it.each([
    ['not a URL', 'failover=next-region', 'failover'],
    ['another scheme', `failover=${encodeURIComponent('ftp://two.example.com/pivot/main')}`, 'failover'],
    ['credentials', `failover=${encodeURIComponent('https://u:p@two.example.com/pivot/main')}`, 'failover'],
    ['its own query', `failover=${encodeURIComponent(`${NEXT}?token=x`)}`, 'failover'],
    ['a hop that is not a small number', 'hop=-1', 'hop'],
    ['a hop of 10 or more', 'hop=10', 'hop'],
  ])('refuses %s with a 400 naming the parameter', (_case, query, field) => {
    // Act / Assess
    expect(withQuery(`&${query}`)).toThrow(InvalidRequestError);
    try {
      withQuery(`&${query}`)();
    } catch (error) {
      expect((error as InvalidRequestError).field).toBe(field);
    }
  });
});
