import { holidayAt } from '../holidays/holidayCondition';
import type { Conditions } from '../routes/conditionsSchema';
import type { EvaluationContext } from './evaluationContext';
import type { PatternMatcher } from '../routes/patternCache';
import { calendarBusy, lookupValue } from './outsideData';
import { placeholderValues } from './evaluationContext';

export type ConditionResult = { matched: false } | { matched: true; captures: string[] };

const NO_MATCH: ConditionResult = { matched: false };

/** All conditions given must hold; the first pattern that captured fills {{match.N}}. */
export function matchConditions(when: Conditions, ctx: EvaluationContext, patterns: PatternMatcher): ConditionResult {
  let captures: string[] = [];
  const keep = (found: string[] | undefined) => {
    if (found && captures.length === 0) captures = found;
  };
  const r = ctx.request;

  if (when.direction && (r.direction ?? 'inbound') !== when.direction) return NO_MATCH;
  if (when.time && !ctx.clock.anyActive(listOf(when.time))) return NO_MATCH;
  if (when.hours && !ctx.clock.anyActive(when.hours)) return NO_MATCH;
  if (when.holidays && !holidayAt(when.holidays, ctx.now, ctx.timezone)) return NO_MATCH;
  if (when.dialed) {
    const found = matchNumber(when.dialed, [r.request, r.to], patterns);
    if (!found) return NO_MATCH;
    keep(found);
  }
  if (when.callerId) {
    const found = matchNumber(when.callerId, [r.callerIdNumber, r.from], patterns);
    if (!found) return NO_MATCH;
    keep(found);
  }
  for (const d of listOf(when.digits)) {
    const value = ctx.digits[d.collection];
    if (d.present !== undefined && d.present !== (value !== undefined && value !== '')) return NO_MATCH;
    if (d.equals !== undefined && (value === undefined || !listOf(d.equals).includes(value))) return NO_MATCH;
    if (d.pattern !== undefined) {
      const m = value === undefined ? null : patterns.match(d.pattern, value);
      if (!m) return NO_MATCH;
      keep([...m]);
    }
  }
  if (when.language) {
    const lang = r.language?.toLowerCase();
    const wanted = listOf(when.language).map((l) => l.toLowerCase());
    if (!lang || !wanted.some((w) => lang === w || lang.startsWith(`${w}-`))) return NO_MATCH;
  }
  if (when.userId && !listOf(when.userId).some((id) => r.userIds.includes(id))) return NO_MATCH;
  for (const [name, expected] of Object.entries(when.vars ?? {})) {
    const value = ctx.vars[name];
    if (typeof expected === 'string') {
      if (value !== expected) return NO_MATCH;
    } else if ('present' in expected) {
      if (expected.present !== (value !== undefined && value !== '')) return NO_MATCH;
    } else if (value === undefined || !patterns.match(expected.pattern, value)) return NO_MATCH;
  }
  // Outside data last: a rule whose other conditions fail never costs a fetch.
  for (const [key, expected] of Object.entries(when.lookup ?? {})) {
    const [lookup, field] = key.split('.') as [string, string];
    const value = lookupValue(ctx.outside, lookup, field, () => placeholderValues(ctx));
    if (!matchValue(value, expected, patterns)) return NO_MATCH;
  }
  if (when.calendar && !calendarBusy(ctx.outside, when.calendar.url, ctx.now, ctx.timezone)) return NO_MATCH;
  return { matched: true, captures };
}

/** A lookup's value against a `lookup` condition: a missing value equals nothing and matches no pattern. */
function matchValue(
  value: string | undefined,
  expected: string | { pattern: string } | { present: boolean },
  patterns: PatternMatcher,
): boolean {
  if (typeof expected === 'string') return value === expected;
  if ('present' in expected) return expected.present === (value !== undefined && value !== '');
  return value !== undefined && patterns.match(expected.pattern, value) !== null;
}

/**
 * Exact numbers compare without a leading `+` (Kazoo stores both forms);
 * patterns run on each candidate as received, like callflow `patterns`.
 */
function matchNumber(
  match: { numbers?: string[]; patterns?: string[] },
  candidates: (string | undefined)[],
  patterns: PatternMatcher,
): string[] | undefined {
  const present = candidates.filter((c): c is string => c !== undefined && c !== '');
  const bare = (n: string) => n.replace(/^\+/, '');
  for (const c of present) {
    if (match.numbers?.some((n) => bare(n) === bare(c))) return [c];
  }
  for (const source of match.patterns ?? []) {
    for (const c of present) {
      const m = patterns.match(source, c);
      if (m) return [...m];
    }
  }
  return undefined;
}

function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
