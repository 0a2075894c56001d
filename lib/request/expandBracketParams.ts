import { InvalidRequestError } from '../errors';
import { wellFormedText } from '../wellFormedText';
import type { ParameterBudget } from './parameterBudget';

/**
 * Turns flat pairs with PHP/Kazoo bracket keys into nested values:
 * `User-ID[]=a&User-ID[]=b` → array, `Digits[pin]=1234` → object,
 * `k[a][b]=v` → nested object. This is `kz_http_util:json_to_querystring` in reverse.
 *
 * Every container is a null-prototype object and a path naming `__proto__`,
 * `constructor` or `prototype` is dropped whole, so no key can ever reach an
 * object's prototype, whatever copies the result later.
 *
 * Nesting is bounded (MAX_NESTING): Kazoo nests two or three levels, while a
 * 16 KB body of `[x]` or `[` could otherwise nest thousands deep and overflow
 * the stack of every recursive walk (JSON.stringify included) after it.
 *
 * A key sent both plain and with members keeps both, whatever the order: the
 * plain value(s) go under the member named '' (`Digits[account]=1&Digits=9` →
 * `{account: '1', '': '9'}`), and plain values join a list (`k=a&k[]=b` → `[a, b]`).
 */
export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue };
export type ParamMap = Record<string, ParamValue>;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_NESTING = 32;
/** Where a key's plain value goes when the key also has named members (an array just appends it). */
export const PLAIN_MEMBER = '';

/** `a[b][]` → ['a', 'b', '']; a key without well-formed brackets, or nested too deep, is one plain segment. */
export function splitBracketKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^[\]]*)\]/gy;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    segments.push(m[1]!);
    consumed = re.lastIndex;
  }
  return consumed === rest.length && segments.length <= MAX_NESTING ? segments : [key];
}

export function isForbiddenPath(segments: readonly string[]): boolean {
  return segments.some((s) => FORBIDDEN_SEGMENTS.has(s));
}

function newContainer(): Record<string, ParamValue> {
  return Object.create(null) as Record<string, ParamValue>;
}

export function expandBracketParams(pairs: Iterable<readonly [string, string]>): ParamMap {
  const root = newContainer();
  for (const [key, value] of pairs) {
    const segments = splitBracketKey(key);
    if (isForbiddenPath(segments)) continue;
    assign(root, segments, value);
  }
  return root;
}

function assign(container: Record<string, ParamValue> | ParamValue[], segments: string[], value: string): void {
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(container)) {
    // Only `[]` appends; a named segment under an array has nowhere sensible to go.
    if (head !== '') return;
    if (rest.length === 0) container.push(value);
    else {
      const child = rest[0] === '' ? [] : newContainer();
      container.push(child);
      assign(child, rest, value);
    }
    return;
  }
  if (rest.length === 0) {
    const existing = container[head];
    // A repeated plain key keeps every value, like URLSearchParams.getAll.
    if (typeof existing === 'string') container[head] = [existing, value];
    else if (Array.isArray(existing)) existing.push(value);
    else if (existing !== undefined) assign(existing, [PLAIN_MEMBER], value);
    else container[head] = value;
    return;
  }
  let child = container[head];
  const wantArray = rest[0] === '';
  if (child === undefined || typeof child === 'string') {
    const plain = child;
    child = wantArray ? [] : newContainer();
    container[head] = child;
    if (plain !== undefined) assign(child, [PLAIN_MEMBER], plain);
  }
  assign(child, rest, value);
}

/**
 * The same safety for JSON bodies: a copy with forbidden keys removed at every
 * depth, and every key and text well-formed (a lone surrogate becomes U+FFFD, as
 * in a form). Each value counts as one parameter of `budget`, like a form pair.
 */
export function sanitizeJsonParams(value: unknown, budget?: ParameterBudget, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    budget?.take();
    return typeof value === 'string' ? wellFormedText(value) : value;
  }
  // An empty list or object is a value too (the root, the body itself, is not).
  if (depth > 0 && isEmpty(value)) budget?.take();
  if (depth >= MAX_NESTING) throw new InvalidRequestError(`JSON body nested deeper than ${MAX_NESTING} levels`, 'body');
  if (Array.isArray(value)) return value.map((item) => sanitizeJsonParams(item, budget, depth + 1));
  const out = newContainer() as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    if (!FORBIDDEN_SEGMENTS.has(k)) out[wellFormedText(k)] = sanitizeJsonParams(v, budget, depth + 1);
  }
  return out;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
