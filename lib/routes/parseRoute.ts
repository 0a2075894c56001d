import type * as z from 'zod';
import { RouteValidationError, type FieldIssue } from '../errors';
import { KAZOO_CALLFLOW_POLICY, validateCallflow, type CallflowPolicy } from '../callflow/validateCallflow';
import { findPlaceholders, hasPlaceholder, isKnownPlaceholder, lookupPlaceholder } from './placeholders';
import { checkLookupConditions, checkLookupReference, checkLookupRequests } from './checkLookups';
import type { Conditions } from './conditionsSchema';
import { routeSchema, type Action, type PlainAction, type Route } from './routeSchema';
import { sharedPatterns } from './patternCache';
import { compactCopy } from './compactRoute';
import { documentShapeIssue } from './documentShape';
import { TEMPORAL_DAYS } from '../temporal/temporalDayCache';
import { isValidTimeZone } from '../temporal/timeZone';
import { didYouMean } from '../didYouMean';
import { knownKeysAt } from './knownKeys';
import { checkTwimlAction, isTwimlAction, type TwimlAction } from '../twiml/twimlAction';
import { holidayLibraryLoaded, unknownHolidayPlace } from '../holidays/holidayCondition';
import { PARSE_ONCE } from '../parseOnce';

/**
 * Parses and checks a route document as an operator wrote it. Beyond the schema:
 * the time zone exists, every `goto` names a step, every callflow passes the
 * callflow model (fields holding a {{placeholder}} are judged after substitution,
 * at call time, under the same policy), and every placeholder is one we know.
 * Throws RouteValidationError naming the route and each field at fault.
 */
export function parseRoute(document: unknown, expectedId?: string, policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY): Route {
  const routeId = idOf(document) ?? expectedId ?? '(unnamed)';
  // Before the schema: its recursive walk would overflow the stack on a cycle or deep nesting.
  const shape = documentShapeIssue(document);
  if (shape) throw new RouteValidationError(routeId, [{ ...shape, path: labelRules(shape.path, document) }]);
  const parsed = routeSchema.safeParse(document, PARSE_ONCE);
  if (!parsed.success) {
    throw new RouteValidationError(
      routeId,
      parsed.error.issues.flatMap((i) => specificIssues(i, [])).map((i) => toIssue(i, document)),
    );
  }
  // The route's own fields go in as nulls and are set after: added later they would cost the object a
  // property array, and a literal spreading the document with them a dictionary of properties.
  const route = compactCopy({ ...parsed.data, patterns: null, temporalDays: null }) as unknown as Writable<Route>;
  // The programs live in the process-wide cache (compiled by validation just now), not in the route.
  route.patterns = sharedPatterns;
  route.temporalDays = TEMPORAL_DAYS;
  const issues: FieldIssue[] = [];
  if (expectedId !== undefined && route.id !== expectedId) {
    issues.push({ path: 'id', message: `is "${route.id}" but the route is stored as "${expectedId}"` });
  }
  if (!isValidTimeZone(route.timezone)) issues.push({ path: 'timezone', message: `"${route.timezone}" is not an IANA time zone` });
  for (const { action, path } of actionsOf(route)) checkAction(action, path, route, issues, policy);
  checkClosures(route, issues);
  issues.push(...checkLookupRequests(route.lookups ?? {}));
  for (const { when, path } of conditionsOf(route)) issues.push(...checkLookupConditions(route.lookups, when, path));
  if (issues.length > 0)
    throw new RouteValidationError(
      route.id,
      issues.map((i) => ({ ...i, path: labelRules(i.path, document) })),
    );
  return route;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function idOf(document: unknown): string | undefined {
  const id = (document as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function* actionsOf(route: Route): Generator<{ action: PlainAction | TwimlAction; path: string }> {
  for (const [i, rule] of route.rules.entries()) yield* plainActions(rule.then, `rules.${i}.then`);
  for (const [stepName, step] of Object.entries(route.steps)) {
    for (const [i, option] of step.options.entries()) yield* plainActions(option.then, `steps.${stepName}.options.${i}.then`);
    if (step.onFailure) yield* plainActions(step.onFailure, `steps.${stepName}.onFailure`);
  }
  if (route.fallback) yield* plainActions(route.fallback, 'fallback');
  for (const [i, closure] of route.closures.entries()) if (closure.then) yield* plainActions(closure.then, `closures.${i}.then`);
  if (route.closed) yield* plainActions(route.closed, 'closed');
}

/** Every `when` of a route with its path: the rules' and the IVR options'. */
export function* conditionsOf(route: Omit<Route, 'patterns'>): Generator<{ when: Conditions; path: string }> {
  for (const [i, rule] of route.rules.entries()) yield { when: rule.when, path: `rules.${i}.when` };
  for (const [name, step] of Object.entries(route.steps)) {
    for (const [i, option] of step.options.entries()) if (option.when) yield { when: option.when, path: `steps.${name}.options.${i}.when` };
  }
}

/** True when a route has a `holidays` condition: loading it needs the holiday library first. */
export function usesHolidays(route: Omit<Route, 'patterns'>): boolean {
  for (const { when } of conditionsOf(route)) if (when.holidays) return true;
  return false;
}

/**
 * A closure needs something to answer with. Holiday places are checked once the
 * holiday library is loaded (the CLI and the route cache load it for such routes).
 */
function checkClosures(route: Route, issues: FieldIssue[]): void {
  for (const [i, closure] of route.closures.entries()) {
    if (!closedActionOf(route, closure.then)) {
      issues.push({ path: `closures.${i}.then`, message: 'a closure needs its own then, or the route needs closed or fallback' });
    }
  }
  if (!holidayLibraryLoaded()) return;
  for (const { when, path } of conditionsOf(route)) {
    const unknown = when.holidays && unknownHolidayPlace(when.holidays);
    if (unknown) issues.push({ path: `${path}.holidays.${unknown.field}`, message: unknown.message });
  }
}

function closedActionOf(route: Route, own: Action | undefined): Action | undefined {
  return own ?? route.closed ?? route.fallback;
}

/** A split's branches, each at its own path; any other action as it is. */
function* plainActions(action: Action, path: string): Generator<{ action: PlainAction | TwimlAction; path: string }> {
  if (!Array.isArray(action)) return yield { action, path };
  for (const [i, branch] of action.entries()) yield { action: branch.then, path: `${path}.${i}.then` };
}

function checkAction(action: PlainAction | TwimlAction, path: string, route: Route, issues: FieldIssue[], policy: CallflowPolicy): void {
  if ('goto' in action) {
    if (!Object.hasOwn(route.steps, action.goto)) {
      const hint = didYouMean(action.goto, Object.keys(route.steps));
      issues.push({ path: `${path}.goto`, message: `no step named "${action.goto}"${hint}` });
    }
    return;
  }
  if (isTwimlAction(action)) {
    for (const p of findPlaceholders(action.twiml)) {
      if (!isKnownPlaceholder(p.name)) issues.push({ path: `${path}.twiml`, message: `unknown placeholder {{${p.name}}}` });
    }
    issues.push(...checkTwimlAction(action, path, route, policy, hasPlaceholder));
    return;
  }
  for (const p of findPlaceholders(action)) {
    if (!isKnownPlaceholder(p.name)) {
      issues.push({ path: joinPath(path, p.path), message: `unknown placeholder {{${p.name}}}` });
    }
    const fromLookup = lookupPlaceholder(p.name);
    const issue = fromLookup && checkLookupReference(route.lookups, fromLookup.lookup, fromLookup.field, joinPath(path, p.path));
    if (issue) issues.push(issue);
  }
  const result = validateCallflow(action, policy);
  if (result.ok) return;
  for (const issue of result.issues) {
    const value = valueAt(action, issue.path);
    // A templated value can only be judged once substituted; the handler validates again then.
    if (typeof value === 'string' && hasPlaceholder(value)) continue;
    issues.push({ path: issue.path ? `${path}.${issue.path}` : path, message: issue.message });
  }
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path ? path.split('.') : []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function joinPath(base: string, rest: (string | number)[]): string {
  return [base, ...rest].join('.');
}

type FlatIssue = { path: PropertyKey[]; message: string };

/**
 * zod reports a value that fits no branch of a union (a single temporal rule or a
 * list; a goto or a callflow) as a bare "Invalid input". The branch whose issues
 * reach deepest into the value is the one the author meant: report those.
 */
function specificIssues(issue: z.core.$ZodIssue, base: PropertyKey[]): FlatIssue[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(routeSchema, path);
    // A key another form of the value takes (`module` beside `twiml`, `play` beside `tts`): not unknown, misplaced.
    return issue.keys.map((key) => ({
      path,
      message: known.includes(key)
        ? `"${key}" cannot go with the other keys here (they choose another form of this value)`
        : `unknown key "${key}"${didYouMean(key, known)}`,
    }));
  }
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  // Ties go to the branch with fewer complaints: `{module}` without data is a callflow missing data, not a bad goto.
  const better = (a: z.core.$ZodIssue[], b: z.core.$ZodIssue[]) => depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length);
  const best = issue.errors.reduce((a, b) => (better(a, b) ? b : a));
  return best.flatMap((i) => specificIssues(i, path));
}

function toIssue(issue: FlatIssue, document: unknown): FieldIssue {
  return { path: labelRules(issue.path.map(String).join('.'), document), message: issue.message };
}

/** `rules.2.then` → `rules.2(after-hours).then`, so an operator finds the rule by its name. */
function labelRules(path: string, document: unknown): string {
  const m = /^rules\.(\d+)(.*)$/.exec(path);
  if (!m) return path;
  const rules = (document as { rules?: unknown } | null)?.rules;
  const name = Array.isArray(rules) ? (rules[Number(m[1])] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' ? `rules.${m[1]}(${name})${m[2]}` : path;
}
