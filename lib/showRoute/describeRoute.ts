import { ANY_OTHER_CALLER, callerVariants } from '../impact/callerVariants';
import { repeatsEveryWeek } from '../impact/weeklyRules';
import { DAY_NAMES } from '../preview/slotRanges';
import { upcomingExceptions } from '../preview/upcomingExceptions';
import { evaluateWeek } from '../preview/weekGrid';
import { describeWeek } from '../preview/weekSummary';
import type { Route } from '../routes/routeSchema';
import { dayOfWeek, formatIsoDate } from '../temporal/localDate';
import { ivrTree } from './ivrTree';
import { weekTable } from './weekTable';

/** How far ahead `show` looks for days that answer unlike their weekday. */
const EXCEPTION_DAYS = 90;

/** The whole text `show` prints for one route. */
export function describeRoute(route: Route, now: Date, version?: number, state: 'live' | 'draft' = 'live'): string[] {
  const week = evaluateWeek(route, { now, caller: ANY_OTHER_CALLER.caller });
  const lines = [
    `${route.id}${version === undefined ? '' : ` (${state} v${version})`}: week of ${formatIsoDate(week.monday)}, times in ${route.timezone}`,
    '',
    'Who answers a caller the rules do not single out:',
    ...weekTable(week).map((line) => `  ${line}`),
  ];
  const usual = new Set(describeWeek(week));
  const singledOut = callerVariants(route)
    .filter((v) => v !== ANY_OTHER_CALLER)
    .map((v) => ({
      label: v.label,
      lines: describeWeek(evaluateWeek(route, { now, caller: v.caller }))
        .filter((l) => !usual.has(l))
        .map((l) => l.replace(/^Mon–Sun 00:00–24:00: /, 'all week: ').replaceAll(' → ', ' then ')),
    }))
    .filter((v) => v.lines.length > 0);
  if (singledOut.length > 0) {
    lines.push('', 'Callers the rules single out (where they differ):');
    for (const v of singledOut) lines.push(`  ${v.label}:`, ...v.lines.map((l) => `    ${l}`));
  }
  lines.push('', `Coming exceptions (next ${EXCEPTION_DAYS} days):`);
  if (repeatsEveryWeek(route)) lines.push('  none: every time rule repeats weekly');
  else {
    const days = upcomingExceptions(route, { now, caller: ANY_OTHER_CALLER.caller, days: EXCEPTION_DAYS });
    if (days.length === 0) lines.push('  none');
    for (const day of days) lines.push(`  ${day.iso} ${DAY_NAMES[dayOfWeek(day.date) - 1]}: ${day.words}`);
  }
  const tree = ivrTree(route);
  if (tree.length > 0) lines.push('', 'IVR:', ...tree.map((l) => `  ${l}`));
  return lines;
}
