/**
 * `{{...}}` placeholders in a rule's callflow. They are substituted as values
 * into the finished tree (string by string), never by editing JSON text, so a
 * caller name carrying quotes or JSON stays a plain string.
 */
export const REQUEST_PLACEHOLDERS = [
  'Call-ID',
  'Account-ID',
  'Caller-ID-Name',
  'Caller-ID-Number',
  'From',
  'To',
  'Request',
  'Language',
  'Direction',
  'User-ID',
] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SCOPED = /^(digits|vars)\.([A-Za-z0-9_-]{1,64})$|^match\.(\d{1,2})$/;
/** `{{lookup.<name>.<field>}}`: a value a route's lookup mapped (lib/lookups). */
const LOOKUP = /^lookup\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})$/;

/** The lookup and field a placeholder names, when it names one. */
export function lookupPlaceholder(name: string): { lookup: string; field: string } | undefined {
  const m = LOOKUP.exec(name);
  return m ? { lookup: m[1]!, field: m[2]! } : undefined;
}

export type PlaceholderValues = {
  request: Partial<Record<(typeof REQUEST_PLACEHOLDERS)[number], string>>;
  digits: Record<string, string>;
  vars: Record<string, string>;
  match: readonly string[];
  /** A lookup's field as text ('' when missing); may throw DataNeededError when not fetched yet. */
  lookup?: (lookup: string, field: string) => string;
};

export function isKnownPlaceholder(name: string): boolean {
  return (REQUEST_PLACEHOLDERS as readonly string[]).includes(name) || SCOPED.test(name) || LOOKUP.test(name);
}

/** Every placeholder in a JSON-like value, with the path of the string it sits in. */
export function findPlaceholders(value: unknown, path: (string | number)[] = []): { name: string; path: (string | number)[] }[] {
  if (typeof value === 'string') return [...value.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, path }));
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, [...path, k]));
  }
  return [];
}

export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

/** Own properties only: `{{vars.constructor}}` must render '', never Object.prototype's `function Object()`. */
function ownText(map: Readonly<Record<string, string | undefined>>, key: string): string {
  return Object.hasOwn(map, key) ? (map[key] ?? '') : '';
}

function lookup(name: string, values: PlaceholderValues): string {
  const scoped = SCOPED.exec(name);
  if (scoped?.[1] === 'digits') return ownText(values.digits, scoped[2]!);
  if (scoped?.[1] === 'vars') return ownText(values.vars, scoped[2]!);
  if (scoped?.[3] !== undefined) return values.match[Number(scoped[3])] ?? '';
  const fromLookup = lookupPlaceholder(name);
  if (fromLookup) return values.lookup?.(fromLookup.lookup, fromLookup.field) ?? '';
  return ownText(values.request, name);
}

/** A copy of `value` with every placeholder replaced; unknown names were refused at load time. */
export function substitutePlaceholders<T>(value: T, values: PlaceholderValues): T {
  if (typeof value === 'string') {
    return (value.includes('{{') ? value.replace(PLACEHOLDER, (_m, name: string) => lookup(name, values)) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitutePlaceholders(v, values)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitutePlaceholders(v, values);
    return out as T;
  }
  return value;
}
