/**
 * Turns a RouteValidationError issue path into words an operator can act on:
 * `rules.0(business-hours).then.data.id` → `rule business-hours (#1), field then.data.id`.
 * The rule name is read back from the document rather than parsed out of the
 * label, so a name holding dots or brackets cannot confuse it.
 */
export function describeIssuePath(path: string, document: unknown): string {
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

export function describeIssue(file: string, routeId: string, issue: { path: string; message: string }, document: unknown): string {
  return `${file}: route ${routeId}, ${describeIssuePath(issue.path, document)}: ${issue.message}`;
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
