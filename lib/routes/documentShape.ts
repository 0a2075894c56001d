import type { FieldIssue } from '../errors';

/**
 * Deeper than any route needs (a callflow nests two levels per node, so this is
 * some forty nested nodes), and far below the depth at which the recursive walks
 * after it (zod, placeholder substitution, JSON.stringify) overflow the stack.
 */
export const MAX_ROUTE_DEPTH = 100;

type Frame = { value: object; path: string[]; leaving?: true };

/**
 * What makes a document unfit to be judged as a route at all, found without
 * recursion: a value that contains itself (a YAML anchor holding its own alias),
 * nesting over MAX_ROUTE_DEPTH, or a `__proto__` key (JSON.parse keeps it as an
 * own key, but every later copy would either drop it silently or turn it into a
 * prototype). Undefined when the document is a plain finite tree.
 */
export function documentShapeIssue(document: unknown): FieldIssue | undefined {
  if (!isContainer(document)) return undefined;
  const ancestors = new Set<object>();
  const stack: Frame[] = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.leaving) {
      ancestors.delete(frame.value);
      continue;
    }
    if (ancestors.has(frame.value)) return { path: frame.path.join('.'), message: 'cyclic alias: this value contains itself' };
    if (frame.path.length > MAX_ROUTE_DEPTH) {
      return { path: frame.path[0] ?? '', message: `too deeply nested (over ${MAX_ROUTE_DEPTH} levels)` };
    }
    ancestors.add(frame.value);
    stack.push({ ...frame, leaving: true });
    for (const key of Object.keys(frame.value)) {
      const path = [...frame.path, key];
      if (key === '__proto__') return { path: path.join('.'), message: '"__proto__" cannot be a key' };
      const child = (frame.value as Record<string, unknown>)[key];
      if (isContainer(child)) stack.push({ value: child, path });
    }
  }
  return undefined;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
