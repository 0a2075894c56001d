/**
 * What differs between the stored route and the local one, path by path.
 * Rules are matched by name (unnamed ones by position) so inserting a rule shows
 * one added rule rather than every later rule "changed"; since the first matching
 * rule wins, a change of order is reported on its own.
 */
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

type Json = Record<string, unknown>;

export function diffRouteDocuments(stored: Json, local: Json): Change[] {
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
    changes.push({ kind: 'reordered', path: 'rules', unit: 'rules', wholeUnit: true, before: storedOrder.map(label), after: localOrder.map(label) });
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
    for (const key of unionKeys(after, before)) diffValue(before[key], after[key], { ...where, path: `${where.path}.${key}` }, changes, false);
    return;
  }
  // Arrays of objects (endpoints, options) are walked by position; lists of plain values read best whole.
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].some((v) => v !== null && typeof v === 'object')) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffValue(before[i], after[i], { ...where, path: `${where.path}.${i}` }, changes, false);
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
