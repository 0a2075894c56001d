/**
 * Route files on disk: reading them (JSON or YAML), validating them as routes,
 * and saying what is wrong in words an operator can act on. `validate` is this
 * and nothing more; `push` and `diff` start from the same verdicts.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RouteValidationError, type FieldIssue } from '../../lib/errors';
import { parseJsonText } from '../../lib/routes/jsonSyntaxError';
import { parseRoute, usesHolidays } from '../../lib/routes/parseRoute';
import { unknownDataKeys } from '../../lib/routes/unknownDataKeys';
import { holidayLibraryLoaded, loadHolidayLibrary } from '../../lib/holidays/holidayCondition';
import type { Route } from '../../lib/routes/routeSchema';
import { EXIT_FAILED, EXIT_OK, type RulesIo } from './routeTable';
import { routeWarnings } from '../../lib/routes/routeWarnings';

type RouteFileText = { ok: true; file: string; document: unknown } | { ok: false; file: string; error: string };

/** A route file that passed validation: the document as written, and what it parses to. */
export type LocalRoute = {
  file: string;
  routeId: string;
  /** As written, except temporal rules' `days`, sorted (the set the author wrote; see the README). */
  document: Record<string, unknown>;
  route: Route;
  /** Quiet mistakes (routeWarnings), one line each naming the file, route, rule and field. */
  warnings: string[];
};

/** How warnings count: printed, or (`--strict`) errors; `now` judges start dates. */
export type WarningPolicy = { strict?: boolean; now?: Date };

/** One file's verdict; `errors` has one line per problem, each naming the file (and route, rule, field when known). */
export type RouteFileResult = { ok: true; file: string; local: LocalRoute } | { ok: false; file: string; errors: string[] };

export type LoadedRouteFiles = { results: RouteFileResult[]; valid: LocalRoute[]; errors: string[]; invalidFiles: string[] };

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);
const ROUTE_EXTENSIONS = new Set(['.json', ...YAML_EXTENSIONS]);

export function isYamlFile(file: string): boolean {
  return YAML_EXTENSIONS.has(extname(file).toLowerCase());
}

/**
 * `validate <files or directories…>`: file by file, an OK line or one error line per problem, and a warning line
 * per quiet mistake; exit 1 if any file is invalid (or, with --strict, has warnings).
 */
export async function validateCommand(files: string[], io: RulesIo, policy: WarningPolicy = {}): Promise<number> {
  const loaded = await loadRouteFiles(files, policy);
  for (const result of loaded.results) {
    if (result.ok) {
      for (const line of result.local.warnings) io.stderr.write(`warning: ${line}\n`);
      const { route } = result.local;
      const steps = Object.keys(route.steps).length;
      io.stdout.write(`OK  ${result.file}  route ${route.id} (${plural(route.rules.length, 'rule')}, ${plural(steps, 'step')})\n`);
    } else {
      for (const line of result.errors) io.stderr.write(`${line}\n`);
    }
  }
  if (loaded.invalidFiles.length === 0) return EXIT_OK;
  io.stderr.write(`${loaded.invalidFiles.length} of ${plural(loaded.results.length, 'file')} invalid\n`);
  return EXIT_FAILED;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Reads and validates every file, in order, collecting every problem rather than stopping at the first.
 * With `strict`, a file with warnings is invalid and its warnings are its errors. A directory stands
 * for its route files (.json, .yaml, .yml, in name order, subdirectories included).
 */
export async function loadRouteFiles(paths: string[], policy: WarningPolicy = {}): Promise<LoadedRouteFiles> {
  const results: RouteFileResult[] = [];
  for (const path of paths) {
    const files = await routeFilesIn(path);
    if (files.length === 0) results.push({ ok: false, file: path, errors: [`${path}: a directory with no .json, .yaml or .yml files`] });
    for (const file of files) {
      const result = await loadRouteFile(file, policy.now ?? new Date());
      const strictFailure = policy.strict && result.ok && result.local.warnings.length > 0;
      results.push(strictFailure ? { ok: false, file, errors: result.local.warnings.map((w) => `error (--strict): ${w}`) } : result);
    }
  }
  return {
    results,
    valid: results.flatMap((r) => (r.ok ? [r.local] : [])),
    errors: results.flatMap((r) => (r.ok ? [] : r.errors)),
    invalidFiles: results.flatMap((r) => (r.ok ? [] : [r.file])),
  };
}

async function loadRouteFile(file: string, now: Date): Promise<RouteFileResult> {
  const read = await readRouteFile(file);
  if (!read.ok) return { ok: false, file, errors: [`${file}: ${read.error}`] };
  try {
    let route = parseRoute(read.document);
    // Holiday places can only be checked against the holiday library: load it for the routes that need it.
    if (usesHolidays(route) && !holidayLibraryLoaded()) {
      await loadHolidayLibrary();
      route = parseRoute(read.document);
    }
    // Keys Kazoo would ignore or that would be dropped (likely typos) are quiet mistakes too.
    const issues = [...routeWarnings(route, read.document, now), ...unknownDataKeys(read.document as Record<string, unknown>)];
    const warnings = issues.map((issue) => describeIssue(file, route.id, issue, read.document));
    const document = withSortedDays(read.document as Record<string, unknown>);
    return { ok: true, file, local: { file, routeId: route.id, document, route, warnings } };
  } catch (error) {
    if (error instanceof RouteValidationError) {
      return { ok: false, file, errors: error.issues.map((issue) => describeIssue(file, error.routeId, issue, read.document)) };
    }
    // Whatever else a hand-written document trips: one line naming the file, like every other verdict, never a stack.
    const reason = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error);
    return { ok: false, file, errors: [`${file}: cannot be checked (${reason})`] };
  }
}

/**
 * Kazoo walks a temporal rule's `days` in the written order and skips days when
 * they are not ascending; here they are the set written, and the stored copy says
 * so in Kazoo's own terms: sorted, without repeats.
 */
export function withSortedDays(document: Record<string, unknown>): Record<string, unknown> {
  const rules = document.rules;
  if (!Array.isArray(rules)) return document;
  const sortTime = (time: unknown): unknown => {
    if (Array.isArray(time)) return time.map(sortTime);
    if (time === null || typeof time !== 'object' || !Array.isArray((time as { days?: unknown }).days)) return time;
    const days = (time as { days: unknown[] }).days;
    return { ...time, days: [...new Set(days)].sort((a, b) => Number(a) - Number(b)) };
  };
  return {
    ...document,
    rules: rules.map((rule) => {
      const when = (rule as { when?: { time?: unknown } } | null)?.when;
      if (!when || typeof when !== 'object' || when.time === undefined) return rule;
      return { ...(rule as object), when: { ...when, time: sortTime(when.time) } };
    }),
  };
}

/** The path itself when it is not a directory (reading it reports what is wrong); else its route files. */
async function routeFilesIn(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await routeFilesIn(child)));
    else if (ROUTE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(child);
  }
  return files;
}

/** Two files claiming one route id would overwrite each other in the table. */
export function findDuplicateRoutes(routes: LocalRoute[]): string[] {
  const filesById = new Map<string, string[]>();
  for (const { routeId, file } of routes) filesById.set(routeId, [...(filesById.get(routeId) ?? []), file]);
  return [...filesById]
    .filter(([, files]) => files.length > 1)
    .map(([routeId, files]) => `route ${routeId} is defined by more than one file: ${files.join(', ')}`);
}

/** Reads one route file: YAML by extension (.yaml, .yml), JSON otherwise. Never throws. */
async function readRouteFile(file: string): Promise<RouteFileText> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, file, error: `cannot read the file (${(error as Error).message})` };
  }
  if (isYamlFile(file)) {
    try {
      // uniqueKeys (the default) makes a duplicated key an error instead of a silent overwrite.
      return { ok: true, file, document: parseYaml(text) as unknown };
    } catch (error) {
      return { ok: false, file, error: yamlProblem(error) };
    }
  }
  const parsed = parseJsonText(text);
  return parsed.ok ? { ok: true, file, document: parsed.value } : { ok: false, file, error: `not valid JSON at ${parsed.error}` };
}

/**
 * The YAML parser's complaint in one line, where it is first ("at line 3, column 5: …",
 * as for JSON); running out of stack is nesting, whatever the parser calls it.
 */
function yamlProblem(error: unknown): string {
  const { code, linePos, message } = error as { code?: unknown; linePos?: { line: number; col: number }[]; message?: unknown };
  if (code === 'RESOURCE_EXHAUSTION') {
    return `too deeply nested to read${linePos?.[0] ? ` (from line ${linePos[0].line})` : ''}`;
  }
  const reason = firstLine(String(message)).replace(/ at line \d+, column \d+:?$/, '');
  return linePos?.[0] ? `not valid YAML at line ${linePos[0].line}, column ${linePos[0].col}: ${reason}` : `not valid YAML (${reason})`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

function describeIssue(file: string, routeId: string, issue: FieldIssue, document: unknown): string {
  return `${file}: route ${routeId}, ${describeIssuePath(issue.path, document)}: ${issue.message}`;
}

/**
 * Turns a RouteValidationError issue path into words an operator can act on:
 * `rules.0(business-hours).then.data.id` → `rule business-hours (#1), field then.data.id`.
 * The rule name is read back from the document rather than parsed out of the
 * label, so a name holding dots or brackets cannot confuse it.
 */
function describeIssuePath(path: string, document: unknown): string {
  const rule = /^rules\.(\d+)/.exec(path);
  if (rule) {
    const index = Number(rule[1]);
    const name = ruleName(document, index);
    const prefixes = name === undefined ? [`rules.${index}`] : [`rules.${index}(${name})`, `rules.${index}`];
    const rest = stripPrefix(path, prefixes);
    const label = name === undefined ? `rule #${index + 1}` : `rule ${name} (#${index + 1})`;
    return `${label}, field ${rest || '(the rule itself)'}`;
  }
  const step = /^steps\.([^.]+)(?:\.(.*))?$/.exec(path);
  if (step && isStepName(document, step[1]!)) return `step ${step[1]}, field ${step[2] || '(the step itself)'}`;
  return `field ${path || '(the whole document)'}`;
}

function ruleName(document: unknown, index: number): string | undefined {
  const rules = (document as { rules?: unknown } | null)?.rules;
  const name = Array.isArray(rules) ? (rules[index] as { name?: unknown } | null | undefined)?.name : undefined;
  return typeof name === 'string' ? name : undefined;
}

function isStepName(document: unknown, name: string): boolean {
  const steps = (document as { steps?: unknown } | null)?.steps;
  return steps !== null && typeof steps === 'object' && Object.hasOwn(steps, name);
}

function stripPrefix(path: string, prefixes: string[]): string {
  for (const prefix of prefixes) {
    if (path === prefix) return '';
    if (path.startsWith(`${prefix}.`)) return path.slice(prefix.length + 1);
  }
  return path;
}
