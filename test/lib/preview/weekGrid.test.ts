import { describe, expect, it } from '@jest/globals';
import { answerAt, evaluateWeek } from '../../../lib/preview/weekGrid';
import { describeWeek, weekAnswers } from '../../../lib/preview/weekSummary';
import { upcomingExceptions } from '../../../lib/preview/upcomingExceptions';
import { exampleRoute } from '../../fixtures/exampleRoutes';
import { officeRoute } from '../../fixtures/previewRoutes';

describe('the week at a glance', () => {
  it('shows the main number as business hours on weekdays and voicemail otherwise, in New York time', () => {
    // Prepare
    const route = exampleRoute('main-number.json');

    // Act
    const grid = evaluateWeek(route, { now: new Date('2026-11-25T12:00:00Z') });

    // Assess
    expect(grid.monday).toEqual({ year: 2026, month: 11, day: 23 });
    expect(describeWeek(grid)).toEqual([
      'Mon–Fri 00:00–09:00: voicemail b7e2…',
      'Mon–Fri 09:00–17:00: ring device a3f1… → voicemail b7e2…',
      'Mon–Fri 17:00–24:00: voicemail b7e2…',
      'Sat, Sun 00:00–24:00: voicemail b7e2…',
    ]);
  });

  it('judges slots on the wall clock across a daylight-saving change (the week Berlin falls back)', () => {
    // Prepare: Berlin leaves summer time on Sunday 2026-10-25.
    const route = officeRoute();

    // Act
    const grid = evaluateWeek(route, { now: new Date('2026-10-21T10:00:00Z') });

    // Assess: 09:00 Berlin is 07:00Z in summer; the grid still opens at 09:00 local.
    const monday9 = grid.days[0]!.slots[36]!;
    expect(monday9.at.toISOString()).toBe('2026-10-19T07:07:30.000Z');
    expect(describeWeek(grid)).toEqual([
      'Mon–Fri 00:00–09:00: voicemail b7e2…',
      'Mon–Fri 09:00–12:00: step menu',
      'Mon–Fri 12:00–13:00: voicemail b7e2…',
      'Mon–Fri 13:00–17:00: step menu',
      'Mon–Fri 17:00–24:00: voicemail b7e2…',
      'Sat, Sun 00:00–24:00: voicemail b7e2…',
    ]);
  });

  it('gives a caller the rules name a different week: the VIP reaches the front desk at any hour', () => {
    // Prepare
    const route = officeRoute();

    // Act
    const grid = evaluateWeek(route, { now: new Date('2026-11-25T12:00:00Z'), caller: { callerIdNumber: '4930111' } });

    // Assess
    expect(describeWeek(grid)).toEqual(['Mon–Sun 00:00–24:00: ring device a3f1…']);
    expect(weekAnswers(grid).map((a) => a.via)).toEqual(['rule:vip']);
  });

  it('names the legend once per distinct answer, with the rule that chose it', () => {
    // Act
    const grid = evaluateWeek(officeRoute(), { now: new Date('2026-11-25T12:00:00Z') });

    // Assess
    expect(weekAnswers(grid).map((a) => `${a.words} (${a.via})`)).toEqual(['voicemail b7e2… (fallback)', 'step menu (rule:open)']);
  });

  it('says plainly when nothing can answer (no rule matches and there is no fallback)', () => {
    // Prepare
    const route = officeRoute();
    const bare = { ...route, fallback: undefined };

    // Act
    const answer = answerAt(bare, new Date('2026-11-28T12:00:00Z'));

    // Assess
    expect(answer.key).toBe('unavailable');
    expect(answer.words).toMatch(/503/);
  });
});

describe('the coming exceptions', () => {
  it('finds Christmas Day (a Friday in 2026) and nothing else in the next 90 days', () => {
    // Act
    const exceptions = upcomingExceptions(officeRoute(), { now: new Date('2026-11-29T12:00:00Z') });

    // Assess
    expect(exceptions.map((e) => `${e.iso} ${e.words}`)).toEqual(['2026-12-25 all day: voicemail b7e2…']);
  });

  it('finds none for a route without dated rules', () => {
    // Act
    const exceptions = upcomingExceptions(exampleRoute('main-number.json'), { now: new Date('2026-11-29T12:00:00Z'), days: 30 });

    // Assess
    expect(exceptions).toEqual([]);
  });
});
