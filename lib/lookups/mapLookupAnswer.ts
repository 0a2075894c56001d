import type { Lookup } from '../routes/lookupSchema';

/**
 * The lookup's fields out of its JSON answer. A string, number or boolean becomes
 * text; anything else (absent, null, an object, a list) leaves the field unset, so
 * a condition on it is false and its placeholder renders empty.
 */
export function mapLookupAnswer(map: Lookup['map'], answer: unknown): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const [field, path] of Object.entries(map)) {
    const value = valueAtPath(answer, path);
    if (typeof value === 'string') values[field] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) values[field] = String(value);
    else if (typeof value === 'boolean') values[field] = String(value);
  }
  return values;
}

/** RFC 6901 pointer when it starts with `/`, else a dotted path. Own properties only. */
export function valueAtPath(root: unknown, path: string): unknown {
  const keys = path.startsWith('/')
    ? path
        .slice(1)
        .split('/')
        .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'))
    : path.split('.');
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
