import { describe, expect, it } from '@jest/globals';
import { ENTRY_STEP, funnelEvents, tallyFunnel } from '../../../lib/pivot/ivrFunnel';

describe('what one answer adds to the IVR funnel', () => {
  it('a rule that jumps to a step enters it', () => {
    expect(funnelEvents({ outcome: { kind: 'rule', rule: 'greeting' }, awaiting: 'menu' })).toEqual([{ kind: 'entered', step: 'menu' }]);
  });

  it('an option that leads to another step is a choice in the first and an entry into the second', () => {
    expect(funnelEvents({ outcome: { kind: 'option', step: 'menu', option: 2 }, awaiting: 'support', heardInput: true })).toEqual([
      { kind: 'chosen', step: 'menu', option: 2 },
      { kind: 'entered', step: 'support' },
    ]);
  });

  it('a re-prompt is an invalid entry or a timeout, never a second entry', () => {
    expect(funnelEvents({ outcome: { kind: 'retry', step: 'menu' }, awaiting: 'menu', heardInput: true })).toEqual([
      { kind: 'invalid', step: 'menu' },
    ]);
    expect(funnelEvents({ outcome: { kind: 'retry', step: 'menu' }, awaiting: 'menu', heardInput: false })).toEqual([
      { kind: 'timed-out', step: 'menu' },
    ]);
  });

  it('the last failed attempt also exhausts the retries', () => {
    expect(funnelEvents({ outcome: { kind: 'failure', step: 'menu' }, heardInput: false })).toEqual([
      { kind: 'timed-out', step: 'menu' },
      { kind: 'retries-exhausted', step: 'menu' },
    ]);
  });

  it('the route fallback and a degraded fallback count as fallbacks; a 503 without fallback does not', () => {
    expect(funnelEvents({ outcome: { kind: 'fallback' } })).toEqual([{ kind: 'fallback', step: ENTRY_STEP }]);
    expect(funnelEvents({ outcome: { kind: 'degraded', answer: 'fallback' } })).toEqual([{ kind: 'fallback', step: ENTRY_STEP }]);
    expect(funnelEvents({ outcome: { kind: 'degraded', answer: 'unavailable' } })).toEqual([]);
    expect(funnelEvents({ outcome: { kind: 'no-match' } })).toEqual([]);
  });
});

describe('a route funnel added up', () => {
  it('counts per step, options by position', () => {
    // Act
    const tally = tallyFunnel([
      { kind: 'entered', step: 'menu' },
      { kind: 'chosen', step: 'menu', option: 2 },
      { kind: 'entered', step: 'support' },
      { kind: 'entered', step: 'menu' },
      { kind: 'timed-out', step: 'menu' },
      { kind: 'retries-exhausted', step: 'menu' },
    ]);

    // Assess
    expect([...tally.keys()]).toEqual(['menu', 'support']);
    expect(tally.get('menu')).toEqual({ entered: 2, chosen: { 2: 1 }, invalid: 0, timedOut: 1, retriesExhausted: 1, fallback: 0 });
  });
});
