import { describe, expect, it } from '@jest/globals';
import { RouteValidationError } from '../../../lib/errors';
import { parseRoute } from '../../../lib/routes/parseRoute';

const HANGUP = { module: 'hangup', data: {} };

function issuesOf(document: unknown) {
  try {
    parseRoute(document);
  } catch (error) {
    if (error instanceof RouteValidationError) return error.issues;
    throw error;
  }
  return [];
}

const route = (closures: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'r',
  timezone: 'America/New_York',
  closures,
  rules: [],
  ...extra,
});

describe('route closures: what parseRoute accepts', () => {
  it('reads one date, or a range, with an optional part of the day, as the dates the route zone shows', () => {
    // Act
    const parsed = parseRoute(
      route(
        [
          { label: 'one-day', date: '2026-12-29' },
          { label: 'break', from: '2026-12-31', to: '2027-01-02', hours: '09:00-24:00', then: HANGUP },
        ],
        { closed: HANGUP },
      ),
    );

    // Assess
    expect(parsed.closures).toEqual([
      { label: 'one-day', from: { year: 2026, month: 12, day: 29 }, to: { year: 2026, month: 12, day: 29 } },
      {
        label: 'break',
        from: { year: 2026, month: 12, day: 31 },
        to: { year: 2027, month: 1, day: 2 },
        hours: { start: 32_400, stop: 86_400 },
        then: HANGUP,
      },
    ]);
  });

  it.each([
    [
      'date and a range together',
      { label: 'x', date: '2026-12-29', from: '2026-12-29', to: '2026-12-30' },
      'closures.0.date',
      /either date, or from and to/,
    ],
    ['neither', { label: 'x' }, 'closures.0.date', /either date, or from and to/],
    ['a range without its end', { label: 'x', from: '2026-12-29' }, 'closures.0.to', /needs both from and to/],
    ['a range that ends before it starts', { label: 'x', from: '2026-12-29', to: '2026-12-01' }, 'closures.0.to', /before from/],
    ['a date that does not exist', { label: 'x', date: '2027-02-29' }, 'closures.0.date', /YYYY-MM-DD/],
    ['hours past midnight', { label: 'x', date: '2026-12-29', hours: '22:00-02:00' }, 'closures.0.hours', /past midnight/],
    ['no label', { date: '2026-12-29' }, 'closures.0.label', /label/],
  ])('refuses %s, naming the field', (_case, closure, path, message) => {
    // Act
    const issues = issuesOf(route([closure], { closed: HANGUP }));

    // Assess
    expect(issues[0]).toEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses a closure with nothing to answer (no then, no closed, no fallback)', () => {
    // Act
    const issues = issuesOf(route([{ label: 'x', date: '2026-12-29' }]));

    // Assess
    expect(issues).toEqual([{ path: 'closures.0.then', message: 'a closure needs its own then, or the route needs closed or fallback' }]);
  });

  it('validates a closure callflow like any other', () => {
    // Act
    const issues = issuesOf(
      route([{ label: 'x', date: '2026-12-29', then: { module: 'voicemail', data: { id: 'short' } } }], { closed: HANGUP }),
    );

    // Assess
    expect(issues[0]?.path).toBe('closures.0.then.data.id');
  });
});
