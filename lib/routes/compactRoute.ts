/**
 * A parsed route is held for as long as the container lives (the route cache and
 * its last-known-good copy), so the form it is held in matters more than the time
 * it takes to make: about 15 µs here against 400 µs for the checks before it.
 *
 * zod's output is built key by key into objects with room to grow, and keeps the
 * keys it was given an `undefined` for; V8's JSON.parse builds each object at its
 * exact size and shares short strings. Parsing the output's JSON again keeps about
 * 0.7 of its heap. The output is plain data (dates are {year, month, day}), so
 * nothing is lost but keys whose value is undefined, which every reader treats
 * as absent. Within the route, equal objects and arrays that hold only plain
 * values (the `{}` of a rule without conditions, a temporal rule's `start`, the
 * step defaults zod filled in) are kept once, frozen: a shared one can never be
 * changed through one of its places.
 */
export function compactCopy<T>(data: T): T {
  const kept = new Map<string, object>();
  return JSON.parse(JSON.stringify(data), (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || !holdsOnlyPlainValues(value)) return value;
    const identity = (Array.isArray(value) ? '[' : '{') + JSON.stringify(value);
    const same = kept.get(identity);
    if (same) return Object.isFrozen(same) ? same : Object.freeze(same);
    kept.set(identity, value);
    return value;
  }) as T;
}

function holdsOnlyPlainValues(value: object): boolean {
  for (const item of Object.values(value)) if (item !== null && typeof item === 'object') return false;
  return true;
}
