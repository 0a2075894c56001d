import { describe, expect, it } from '@jest/globals';
import { compareRouteVersions } from '../../../lib/impact/routeImpact';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { exampleDocument } from '../../fixtures/exampleRoutes';

const NOW = new Date('2026-11-24T17:00:00Z'); // Tuesday noon in New York
const CHRISTMAS = { cycle: 'yearly', month: 12, days: [25], time_window_start: 0, time_window_stop: 86400 };
const USER = { module: 'user', data: { id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' } };

/** The parts of the example documents these tests edit. */
type Document = Record<string, unknown> & {
  rules: Record<string, unknown>[] & { when: { time: { time_window_stop: number } } }[];
  steps: { menu: { options: { then: unknown }[]; onFailure?: unknown; prompt?: unknown } };
};

function mainNumberV2(): Document {
  const next = structuredClone(exampleDocument('main-number.json')) as Document;
  next.rules[0]!.when.time.time_window_stop = 63_000; // 17:00 → 17:30
  next.rules.unshift({ name: 'closed-christmas', when: { time: CHRISTMAS }, then: { module: 'hangup', data: {} } });
  next.rules.unshift({ name: 'vip', when: { callerId: { numbers: ['+12125550111'] } }, then: USER });
  return next;
}

describe('compareRouteVersions', () => {
  it('reports a known set of changes for two versions of the main number, in words and times', () => {
    // Prepare
    const before = parseRoute(exampleDocument('main-number.json'));
    const after = parseRoute(mainNumberV2());

    // Act
    const report = compareRouteVersions(before, after, { now: NOW, days: 365 });

    // Assess
    expect(report.changed).toBe(true);
    expect(report.sections).toEqual([
      { label: 'any other caller', lines: ['Mon–Fri 17:00–17:30: voicemail b7e2… → ring device a3f1… then voicemail b7e2…'] },
      {
        label: 'caller +12125550111',
        lines: [
          'Mon–Fri 00:00–09:00: voicemail b7e2… → ring user f0e1…',
          'Mon–Fri 09:00–17:00: ring device a3f1… then voicemail b7e2… → ring user f0e1…',
          'Mon–Fri 17:00–24:00: voicemail b7e2… → ring user f0e1…',
          'Sat, Sun 00:00–24:00: voicemail b7e2… → ring user f0e1…',
        ],
      },
    ]);
    expect(report.dates).toEqual([
      '2026-12-25 Fri: 00:00–09:00: voicemail b7e2… → hang up; 09:00–17:00: ring device a3f1… then voicemail b7e2… → hang up; 17:00–24:00: voicemail b7e2… → hang up',
    ]);
  });

  it('reports nothing for identical versions, nor for a rule renamed and described anew', () => {
    // Prepare
    const document = exampleDocument('main-number.json') as Document;
    const reworded = { ...structuredClone(document), description: 'Reworded' } as Document;
    reworded.rules[0]!.name = 'office-hours';

    // Act
    const identical = compareRouteVersions(parseRoute(document), parseRoute(document), { now: NOW, days: 40 });
    const renamed = compareRouteVersions(parseRoute(document), parseRoute(reworded), { now: NOW, days: 40 });

    // Assess
    expect(identical).toEqual({ sections: [], dates: [], changed: false });
    expect(renamed).toEqual({ sections: [], dates: [], changed: false });
  });

  it('walks every IVR path: a changed option shows under its step and key, the untouched ones do not', () => {
    // Prepare
    const document = exampleDocument('sales-support-menu.json') as Document;
    const next = structuredClone(document) as Document;
    next.steps.menu.options[1]!.then = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
    next.steps.menu.onFailure = { module: 'hangup', data: {} };
    next.steps.menu.prompt = { tts: 'Sales 1, support 2.' };

    // Act
    const report = compareRouteVersions(parseRoute(document), parseRoute(next), { now: NOW, days: 0 });

    // Assess
    expect(report.sections).toEqual([
      {
        label: 'step menu',
        lines: ['prompt: says "Thanks for calling Example Corp. For sales, press 1. For support, press 2." → says "Sales 1, support 2."'],
      },
      { label: 'step menu, press 2', lines: ['always: ring user f0e1… then voicemail b7e2… → voicemail b7e2…'] },
      { label: 'step menu, a key no option takes (3) on the last try', lines: ['always: voicemail b7e2… → hang up'] },
      { label: 'step menu, no input on the last try', lines: ['always: voicemail b7e2… → hang up'] },
    ]);
  });

  it('a holiday in the compared week is still reported once, not every other week as its opposite', () => {
    // Prepare: judged in Christmas week, so the week itself holds the closure
    const before = parseRoute(exampleDocument('main-number.json'));
    const after = parseRoute(mainNumberV2());

    // Act
    const report = compareRouteVersions(before, after, { now: new Date('2026-12-23T17:00:00Z'), days: 365 });

    // Assess
    expect(report.dates).toEqual([
      '2026-12-25 Fri: 00:00–09:00: voicemail b7e2… → hang up; 09:00–17:00: ring device a3f1… then voicemail b7e2… → hang up; 17:00–24:00: voicemail b7e2… → hang up',
    ]);
  });
});
