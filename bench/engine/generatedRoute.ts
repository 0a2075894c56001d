import type { RouteDocument } from '../../lib/routes/routeSchema';

export const GENERATED_RULE_COUNT = 50;

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
const DEVICE = { module: 'device', data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90', timeout: 20 } };
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
/** A dialed number no benchmark request uses: it makes a rule fail after its time check ran. */
const NEVER_DIALED = { numbers: ['+19995550000'] };

/**
 * A ~50-rule route shaped like a busy main number: temporal rules of every Kazoo
 * cycle (holidays, weekly hours, monthly closings, dated exceptions, daily
 * windows), dialed-number and caller-ID lists and patterns, language, owner and
 * variable checks. No rule matches the benchmark's requests, so each decision
 * evaluates all 50 and then renders the fallback: the worst case, and an exact
 * count of rule evaluations per decision.
 *
 * A temporal rule is paired with a dialed number no request uses, so its time
 * check always runs (it comes first in matchConditions) whether or not the
 * schedule is active at the instant judged.
 */
export function generatedRoute(): RouteDocument {
  const rules: NonNullable<RouteDocument['rules']> = [];
  const add = (name: string, when: NonNullable<RouteDocument['rules']>[number]['when']) =>
    rules.push({ name, when, then: { ...DEVICE, children: { _: VOICEMAIL } } });

  // 20 temporal rules.
  for (let i = 0; i < 5; i++) {
    add(`weekly-hours-${i}`, {
      time: { cycle: 'weekly', wdays: [...WEEKDAYS.slice(0, 5 - (i % 3))], time_window_start: 28_800 + i * 1_800, time_window_stop: 61_200 + i * 900 },
      dialed: NEVER_DIALED,
    });
  }
  for (let i = 0; i < 5; i++) {
    add(`yearly-holiday-${i}`, { time: { cycle: 'yearly', month: 1 + ((i * 5) % 12), days: [1 + i * 4] }, dialed: NEVER_DIALED });
  }
  for (let i = 0; i < 4; i++) {
    add(`monthly-closing-${i}`, {
      time: { cycle: 'monthly', ordinal: (['first', 'second', 'last', 'every'] as const)[i]!, wdays: [WEEKDAYS[i]!], time_window_start: 50_400 },
      dialed: NEVER_DIALED,
    });
  }
  for (let i = 0; i < 3; i++) {
    add(`dated-exception-${i}`, { time: { cycle: 'date', start_date: `2026-${String(3 + i * 3).padStart(2, '0')}-15` }, dialed: NEVER_DIALED });
  }
  for (let i = 0; i < 3; i++) {
    add(`daily-window-${i}`, {
      time: [
        { cycle: 'daily', interval: 1 + i, time_window_start: 3_600 * i, time_window_stop: 3_600 * (i + 2) },
        { cycle: 'weekly', interval: 2, wdays: ['saturday', 'sunday'], start_date: '2026-01-03' },
      ],
      dialed: NEVER_DIALED,
    });
  }
  // 30 rules on the call itself.
  for (let i = 0; i < 10; i++) add(`did-${i}`, { dialed: { numbers: Array.from({ length: 8 }, (_, k) => `+1212555${String(2000 + i * 8 + k)}`) } });
  for (let i = 0; i < 8; i++) add(`dial-plan-${i}`, { dialed: { patterns: [`^\\*${70 + i}(\\d{3,4})$`, `^9${i}(\\d{10})$`] } });
  for (let i = 0; i < 5; i++) add(`partner-${i}`, { callerId: { patterns: [`^\\+44207${i}(\\d{5})$`], numbers: [`+4420700000${i}`] } });
  for (let i = 0; i < 3; i++) add(`language-${i}`, { language: [['fr', 'de', 'es'][i]!, 'pt-br'] });
  for (let i = 0; i < 2; i++) add(`owner-${i}`, { userId: [`0000000000000000000000000000000${i}`] });
  for (let i = 0; i < 2; i++) add(`campaign-${i}`, { vars: { campaign: { pattern: `^spring-${i}$` }, tier: 'gold' } });

  return {
    id: 'generated-50',
    description: 'Benchmark route: 50 rules, none matching the benchmark requests',
    timezone: 'America/New_York',
    rules,
    fallback: VOICEMAIL,
  };
}
