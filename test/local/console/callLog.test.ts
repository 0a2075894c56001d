import { describe, expect, it } from '@jest/globals';
import { CallLog, type TimelineEntry } from '../../../local/console/callLog';

const entry = (outcome: string): Omit<TimelineEntry, 'n'> => ({
  judgedAt: '2026-11-24T15:00:00.000Z',
  receivedAt: '2026-11-24T15:00:00.000Z',
  method: 'GET',
  outcome,
  status: 200,
  answer: 'hang up',
  latencyMs: 1,
  funnel: [],
});

describe('the local call log', () => {
  it('keeps only the most recently active calls', () => {
    // Prepare
    const log = new CallLog({ maxCalls: 2, maxEntriesPerCall: 5 });

    // Act: a, b, then a again (now the newest), then c pushes out b.
    log.record('a', 'r', entry('rule:x'));
    log.record('b', 'r', entry('rule:x'));
    log.record('a', 'r', entry('option:menu.1'));
    log.record('c', 'r', entry('rule:x'));

    // Assess
    expect(log.recent().map((c) => c.callId)).toEqual(['c', 'a']);
    expect(log.get('a')?.entries.map((e) => `${e.n} ${e.outcome}`)).toEqual(['1 rule:x', '2 option:menu.1']);
  });

  it('stops adding requests to a call past its bound and says so', () => {
    // Prepare
    const log = new CallLog({ maxCalls: 2, maxEntriesPerCall: 2 });

    // Act
    for (let i = 0; i < 5; i++) log.record('loop', 'r', entry('retry:menu'));

    // Assess
    expect(log.get('loop')?.entries).toHaveLength(2);
    expect(log.get('loop')?.truncated).toBe(true);
  });
});
