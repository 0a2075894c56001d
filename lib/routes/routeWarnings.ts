/**
 * Quiet mistakes: a route that validates but does not do what its author
 * meant. `rules validate` and `push` print these (naming file, rule and field);
 * `--strict` makes them errors. Each looks at the document as written where the
 * parsed route has already filled in a default (a yearly rule's month).
 */
import type { FieldIssue } from '../errors';
import { compareDates, daysInMonth } from '../temporal/localDate';
import { startDateIn } from '../temporal/ruleStart';
import type { TemporalRule } from '../temporal/temporalRuleSchema';
import { zonedDateTime } from '../temporal/timeZone';
import type { Conditions } from './conditionsSchema';
import type { Route } from './routeSchema';

/** Legacy zone names that are fixed offsets, while the places people mean by them change clocks. */
const NO_DST_ZONES: Record<string, string> = {
  EST: 'America/New_York',
  MST: 'America/Denver (America/Phoenix if you mean Arizona, which keeps no DST)',
};

/** Abbreviations some runtimes accept as aliases, which are no IANA zone names (Kazoo's zone list has none of them). */
const ABBREVIATIONS: Record<string, string> = { PST: 'America/Los_Angeles', CST: 'America/Chicago' };

export function routeWarnings(route: Route, document: unknown, now: Date): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  const zoneAdvice = NO_DST_ZONES[route.timezone.toUpperCase()];
  if (zoneAdvice || /^Etc\/GMT[+-]\d+$/i.test(route.timezone)) {
    warnings.push({
      path: 'timezone',
      message: `"${route.timezone}" is a fixed offset with no daylight saving time: in summer every time condition is an hour off; use the place's zone, e.g. ${zoneAdvice ?? 'America/New_York'}`,
    });
  }
  const alias = ABBREVIATIONS[route.timezone.toUpperCase()];
  if (alias) {
    warnings.push({
      path: 'timezone',
      message: `"${route.timezone}" is an abbreviation, not an IANA zone name, and other systems read it differently; write ${alias}`,
    });
  }
  const names = new Map<string, number>();
  let alwaysMatching: number | undefined;
  for (const [i, rule] of route.rules.entries()) {
    if (alwaysMatching !== undefined) {
      warnings.push({
        path: `rules.${i}`,
        message: `never reached: rule ${ruleLabel(route, alwaysMatching)} before it has no conditions and always matches`,
      });
    }
    if (rule.name !== undefined) {
      const first = names.get(rule.name);
      if (first !== undefined)
        warnings.push({
          path: `rules.${i}.name`,
          message: `"${rule.name}" is also the name of rule #${first + 1}: logs and metrics cannot tell them apart`,
        });
      else names.set(rule.name, i);
    }
    if (alwaysMatching === undefined && isUnconditional(rule.when)) alwaysMatching = i;
    warnings.push(...temporalWarnings(rule.when, `rules.${i}.when`, writtenTime(document, i), route.timezone, now));
  }
  return warnings;
}

function ruleLabel(route: Route, index: number): string {
  const name = route.rules[index]?.name;
  return name ? `${name} (#${index + 1})` : `#${index + 1}`;
}

function isUnconditional(when: Conditions): boolean {
  return Object.values(when).every((v) => v === undefined);
}

/** The `time` rules as written (a rule or a list), to see what the author left out. */
function writtenTime(document: unknown, ruleIndex: number): Record<string, unknown>[] {
  const rules = (document as { rules?: unknown } | null)?.rules;
  const time = Array.isArray(rules) ? (rules[ruleIndex] as { when?: { time?: unknown } } | undefined)?.when?.time : undefined;
  return [time ?? []].flat().filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object');
}

function temporalWarnings(when: Conditions, path: string, written: Record<string, unknown>[], timeZone: string, now: Date): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  const rules: TemporalRule[] = when.time === undefined ? [] : [when.time].flat();
  const today = zonedDateTime(now, timeZone).date;
  for (const [j, rule] of rules.entries()) {
    const at = rules.length === 1 && !Array.isArray(when.time) ? `${path}.time` : `${path}.time.${j}`;
    const raw = written[j] ?? {};
    if (rule.cycle === 'yearly' && raw.month === undefined) {
      warnings.push({ path: `${at}.month`, message: "a yearly rule without month means January (Kazoo's default); give the month" });
    }
    if (rule.timeWindowStart > rule.timeWindowStop) {
      warnings.push({
        path: `${at}.time_window_stop`,
        message:
          'stops before it starts, so the rule never matches; use the hours condition ("22:00-06:00") or two rules for a window past midnight',
      });
    }
    if (rule.cycle === 'yearly' && rule.days.length > 0 && rule.days.every((d) => d > daysInMonth(2024, rule.month))) {
      warnings.push({ path: `${at}.days`, message: `month ${rule.month} never has day ${rule.days.join(', ')}: the rule never matches` });
    }
    const writtenDays: unknown[] = Array.isArray(raw.days) ? raw.days : [];
    if (writtenDays.some((d, k) => k > 0 && Number(d) <= Number(writtenDays[k - 1]))) {
      warnings.push({
        path: `${at}.days`,
        message:
          'days are out of order (or repeated): Kazoo walks them as written and skips some; here they are a set, and push stores them sorted',
      });
    }
    if (compareDates(startDateIn(rule.start, timeZone), today) > 0) {
      warnings.push({ path: `${at}.start_date`, message: 'is in the future: the rule matches nothing before then' });
    }
  }
  return warnings;
}
