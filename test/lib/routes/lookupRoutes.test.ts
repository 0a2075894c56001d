import { describe, expect, it } from '@jest/globals';
import { RouteValidationError } from '../../../lib/errors';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { mapLookupAnswer } from '../../../lib/lookups/mapLookupAnswer';

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const crm = (extra: Record<string, unknown> = {}) => ({
  url: 'https://crm.example.com/customers?phone={{Caller-ID-Number}}',
  auth: { bearer: 'crm-token' },
  map: { tier: '/customer/tier' },
  ...extra,
});

function issuesOf(document: Record<string, unknown>): string[] {
  try {
    parseRoute({ id: 'lk', timezone: 'UTC', fallback: VOICEMAIL, ...document });
  } catch (error) {
    if (error instanceof RouteValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('route lookups: what validation refuses, naming the field', () => {
  it('accepts a lookup used by a condition and a placeholder', () => {
    // Act
    const issues = issuesOf({
      lookups: { crm: crm() },
      rules: [
        { name: 'gold', when: { lookup: { 'crm.tier': 'gold' } }, then: { module: 'tts', data: { text: 'Hi {{lookup.crm.tier}}' } } },
      ],
    });

    // Assess
    expect(issues).toEqual([]);
  });

  it.each([
    [
      'a condition on an undeclared lookup',
      { rules: [{ name: 'r', when: { lookup: { 'erp.tier': 'gold' } }, then: VOICEMAIL }] },
      'rules.0(r).when.lookup.erp.tier: no lookup named "erp"',
    ],
    [
      'a condition on a field the lookup does not map',
      { lookups: { crm: crm() }, rules: [{ name: 'r', when: { lookup: { 'crm.owner': 'x' } }, then: VOICEMAIL }] },
      'rules.0(r).when.lookup.crm.owner: lookup "crm" maps no field "owner"',
    ],
    [
      'a placeholder on an undeclared lookup',
      { rules: [{ name: 'r', then: { module: 'tts', data: { text: '{{lookup.crm.tier}}' } } }] },
      'rules.0(r).then.data.text: no lookup named "crm"',
    ],
    [
      'an Authorization header written in the route',
      { lookups: { crm: crm({ headers: { Authorization: 'Bearer abc' } }) } },
      'lookups.crm.headers.Authorization: "Authorization" cannot be set here',
    ],
    ['a body on a GET', { lookups: { crm: crm({ body: { a: 1 } }) } }, 'lookups.crm.body: a body needs "method": "POST"'],
    [
      "another lookup's value in a lookup's request",
      { lookups: { crm: crm({ url: 'https://crm.example.com/x?t={{lookup.crm.tier}}' }) } },
      "lookups.crm.url: {{lookup.crm.tier}} cannot be used in a lookup's request",
    ],
    ['a host from a placeholder', { lookups: { crm: crm({ url: 'https://{{vars.host}}/x' }) } }, 'lookups.crm.url: the host cannot come'],
    [
      'credentials in the URL',
      { lookups: { crm: crm({ url: 'https://u:p@crm.example.com/' }) } },
      'lookups.crm.url: credentials in the URL',
    ],
    ['a timeout over 2 s', { lookups: { crm: crm({ timeoutMs: 5000 }) } }, 'lookups.crm.timeoutMs'],
    ['a secret value instead of a name', { lookups: { crm: crm({ auth: { bearer: 'sk_live abc/def' } }) } }, 'lookups.crm.auth'],
    ['an empty map', { lookups: { crm: crm({ map: {} }) } }, 'lookups.crm.map: map at least one field'],
  ])('%s', (_case, document, expected) => {
    // Act
    const issues = issuesOf(document);

    // Assess
    expect(issues.join('\n')).toContain(expected);
  });
});

describe('mapLookupAnswer', () => {
  it('maps by JSON pointer and dotted path; text, numbers and booleans only', () => {
    // Prepare
    const answer = {
      customer: { tier: 'gold', 'a/b': 'slash', balance: 12.5, vip: true, tags: ['x'], manager: null },
      items: [{ id: 'i1' }],
    };

    // Act
    const values = mapLookupAnswer(
      {
        tier: '/customer/tier',
        slash: '/customer/a~1b',
        balance: 'customer.balance',
        vip: 'customer.vip',
        tags: 'customer.tags',
        manager: 'customer.manager',
        first: 'items.0.id',
        proto: 'customer.constructor',
      },
      answer,
    );

    // Assess
    expect({ ...values }).toEqual({ tier: 'gold', slash: 'slash', balance: '12.5', vip: 'true', first: 'i1' });
  });
});
