/**
 * A parsed route is held for as long as the container lives (the route cache and
 * its last-known-good copy), so the form it is held in matters more than the time
 * it takes to make: about 60 µs per example route, against ~320 µs for the checks.
 *
 * zod's output is built key by key into objects with room to grow, and keeps the
 * keys it was given an `undefined` for; V8's JSON.parse builds each object at its
 * exact size and shares short strings. Parsing the output's JSON again keeps about
 * 0.7 of its heap. The output is plain data (dates are {year, month, day}), so
 * nothing is lost but keys whose value is undefined, which every reader treats
 * as absent. Within the route, equal parts are kept once: the `{}` of a rule
 * without conditions, a temporal rule's `start`, the step defaults zod filled in,
 * the same voicemail answer as fallback and closed answer. A part is shared when
 * all it holds is plain values or parts already shared, up to 1 KB of JSON (so
 * the JSON written to compare parts stays about the size of the route); a shared
 * part is frozen, all the way down, so nothing can change it through one of its
 * places.
 */
const MAX_SHARED_JSON = 1024;

export function compactCopy<T>(data: T): T {
  const kept = new Map<string, object>();
  const shareable = new Set<object>();
  return JSON.parse(JSON.stringify(data), (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || !holdsOnly(shareable, value)) return value;
    const identity = (Array.isArray(value) ? '[' : '{') + JSON.stringify(value);
    if (identity.length > MAX_SHARED_JSON) return value;
    const same = kept.get(identity);
    if (same) return frozen(same);
    kept.set(identity, value);
    shareable.add(value);
    return value;
  }) as T;
}

/** True when every object `value` holds is one of `shareable` (so it is itself kept once). */
function holdsOnly(shareable: Set<object>, value: object): boolean {
  for (const item of Object.values(value)) if (item !== null && typeof item === 'object' && !shareable.has(item)) return false;
  return true;
}

function frozen<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) if (item !== null && typeof item === 'object') frozen(item);
  return Object.freeze(value);
}
