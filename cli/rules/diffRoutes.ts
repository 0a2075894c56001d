/**
 * What differs between the stored route and the local one, path by path.
 * Rules are matched by name (unnamed ones by position) so inserting a rule shows
 * one added rule rather than every later rule "changed"; since the first matching
 * rule wins, a change of order is reported on its own. `diff` prints every
 * changed path; `push` prints a one-line summary of the same changes.
 */
import { type LocalRoute, loadRouteFiles } from './routeFiles';
import {
  EXIT_FAILED,
  EXIT_OK,
  parseStoredText,
  type RouteAdmin,
  type RulesCliDeps,
  type RulesIo,
  type TableTarget,
  withoutEditorKeys,
  withRouteTable,
} from './routeTable';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'reordered';

export type Change = {
  kind: ChangeKind;
  /** Where, in the labels validate uses: `rules.0(business-hours).then.data.id`. */
  path: string;
  /** What an operator thinks in: `rule business-hours`, `step menu`, `fallback`. */
  unit: string;
  /** True when the whole unit appeared, vanished or moved (not a field inside it). */
  wholeUnit: boolean;
  before?: unknown;
  after?: unknown;
};

export type Comparison =
  | { status: 'created' }
  | { status: 'unchanged' }
  | { status: 'updated'; changes: Change[] }
  /** The item holds something we cannot read as a route document; writing replaces it whole. */
  | { status: 'replaced'; reason: string };

const PREVIEW_CHARS = 60;

/**
 * `diff <files…>`: what `push` would do, per route, with every changed path.
 * Invalid files are reported like `validate` does and skipped (exit 1); the valid
 * ones are still compared. A difference alone is not a failure.
 */
export async function diffCommand(
  files: string[],
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
): Promise<number> {
  const loaded = await loadRouteFiles(files);
  for (const line of loaded.errors) io.stderr.write(`${line}\n`);
  const exitCode = loaded.invalidFiles.length > 0 ? EXIT_FAILED : EXIT_OK;
  if (loaded.valid.length === 0) return exitCode;
  return withRouteTable(target, io, deps, async (admin) => {
    for (const local of loaded.valid) {
      const comparison = await compareWithStored(admin, local);
      const status = comparison.status === 'created' ? 'created' : comparison.status === 'unchanged' ? 'unchanged' : 'changed';
      const note = comparison.status === 'created' ? '  (not in the table yet)' : '';
      io.stdout.write(`${status.padEnd(9)} ${local.routeId}  ${local.file}${note}\n`);
      const lines =
        comparison.status === 'updated' ? describeChanges(comparison.changes) : comparison.status === 'replaced' ? [comparison.reason] : [];
      for (const line of lines) io.stdout.write(`    ${line}\n`);
    }
    return exitCode;
  });
}

/** How the local route differs from what the table holds under its id (one consistent read). */
export async function compareWithStored(admin: RouteAdmin, local: LocalRoute): Promise<Comparison> {
  const text = await admin.getRoute(local.routeId);
  if (text === undefined) return { status: 'created' };
  const stored = parseStoredText(text);
  if (!stored.ok) return { status: 'replaced', reason: stored.reason };
  const changes = diffRouteDocuments(stored.document, withoutEditorKeys(local.document));
  return changes.length === 0 ? { status: 'unchanged' } : { status: 'updated', changes };
}

/** `rule business-hours changed, rule after-hours added, fallback changed`: the one-line summary push prints. */
export function summarizeChanges(changes: Change[]): string {
  const byUnit = new Map<string, Change[]>();
  for (const change of changes) byUnit.set(change.unit, [...(byUnit.get(change.unit) ?? []), change]);
  return [...byUnit]
    .map(([unit, unitChanges]) => {
      const whole = unitChanges.length === 1 && unitChanges[0]!.wholeUnit ? unitChanges[0]!.kind : 'changed';
      return `${unit} ${whole}`;
    })
    .join(', ');
}

/** One line per changed path, for `diff`: `~ rules.0(business-hours).then.data.timeout: 20 -> 30`. */
function describeChanges(changes: Change[]): string[] {
  return changes.map(describeChange);
}

function describeChange(change: Change): string {
  switch (change.kind) {
    case 'added':
      return `+ ${change.path}: ${preview(change.after)}`;
    case 'removed':
      return `- ${change.path}: ${preview(change.before)}`;
    case 'changed':
      return `~ ${change.path}: ${preview(change.before)} -> ${preview(change.after)}`;
    case 'reordered':
      return `~ ${change.path} order: ${(change.before as string[]).join(', ')} -> ${(change.after as string[]).join(', ')}`;
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 3)}...` : text;
}

type Json = Record<string, unknown>;

function diffRouteDocuments(stored: Json, local: Json): Change[] {
  const changes: Change[] = [];
  for (const key of unionKeys(local, stored)) {
    const before = stored[key];
    const after = local[key];
    if (key === 'rules' && Array.isArray(before) && Array.isArray(after)) diffRules(before, after, changes);
    else if (key === 'steps' && isPlainObject(before) && isPlainObject(after)) {
      for (const step of unionKeys(after, before)) {
        diffValue(before[step], after[step], { path: `steps.${step}`, unit: `step ${step}` }, changes, true);
      }
    } else diffValue(before, after, { path: key, unit: key }, changes, true);
  }
  return changes;
}

type Where = { path: string; unit: string };

function diffRules(before: unknown[], after: unknown[], changes: Change[]): void {
  const keyed = (rules: unknown[]) => new Map(rules.map((rule, index) => [ruleKey(rule, index), { rule, index }]));
  const stored = keyed(before);
  const local = keyed(after);
  for (const [key, { rule, index }] of local) {
    const previous = stored.get(key);
    diffValue(previous?.rule, rule, ruleWhere(rule, index), changes, true);
  }
  for (const [key, { rule, index }] of stored) {
    if (!local.has(key)) diffValue(rule, undefined, ruleWhere(rule, index), changes, true);
  }
  const storedOrder = [...stored.keys()].filter((k) => local.has(k));
  const localOrder = [...local.keys()].filter((k) => stored.has(k));
  if (storedOrder.join('\n') !== localOrder.join('\n')) {
    const label = (k: string) => k.replace(/^name:/, '');
    changes.push({
      kind: 'reordered',
      path: 'rules',
      unit: 'rules',
      wholeUnit: true,
      before: storedOrder.map(label),
      after: localOrder.map(label),
    });
  }
}

function ruleKey(rule: unknown, index: number): string {
  const name = isPlainObject(rule) ? rule.name : undefined;
  return typeof name === 'string' ? `name:${name}` : `#${index + 1}`;
}

function ruleWhere(rule: unknown, index: number): Where {
  const name = isPlainObject(rule) && typeof rule.name === 'string' ? rule.name : undefined;
  return name === undefined
    ? { path: `rules.${index}`, unit: `rule #${index + 1}` }
    : { path: `rules.${index}(${name})`, unit: `rule ${name}` };
}

function diffValue(before: unknown, after: unknown, where: Where, changes: Change[], isUnitRoot: boolean): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    changes.push({ kind: 'added', ...where, wholeUnit: isUnitRoot, after });
    return;
  }
  if (after === undefined) {
    changes.push({ kind: 'removed', ...where, wholeUnit: isUnitRoot, before });
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of unionKeys(after, before))
      diffValue(before[key], after[key], { ...where, path: `${where.path}.${key}` }, changes, false);
    return;
  }
  // Arrays of objects (endpoints, options) are walked by position; lists of plain values read best whole.
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].some((v) => v !== null && typeof v === 'object')) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      diffValue(before[i], after[i], { ...where, path: `${where.path}.${i}` }, changes, false);
    return;
  }
  if (!sameJson(before, after)) changes.push({ kind: 'changed', ...where, wholeUnit: false, before, after });
}

function unionKeys(first: Json, second: Json): string[] {
  return [...new Set([...Object.keys(first), ...Object.keys(second)])];
}

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = unionKeys(a, b);
    return keys.every((k) => sameJson(a[k], b[k]));
  }
  return a === b;
}
