/**
 * "Did you mean" for a name that is not one of the known ones: the known name
 * closest in spelling (a typo, a missing underscore, swapped letters), when
 * one is close enough to be a likely intent rather than a wild guess.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Ignores case, `-`, `_` and spaces, so `ringGroup`, `ring-group` and `RING_GROUP` all find `ring_group`. */
function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The closest known name, or undefined when none is close: at most one edit
 * per three characters (so "x" suggests nothing), ties going to the first listed.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const wanted = normalised(name);
  if (wanted.length === 0 || name.length > 200) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalised(candidate));
    if (distance === 0) return candidate;
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

/** ` (did you mean "x"?)` to append to a message, or an empty string. */
export function didYouMean(name: string, known: Iterable<string>, hints: Readonly<Record<string, string>> = {}): string {
  const hinted = Object.hasOwn(hints, name.toLowerCase()) ? hints[name.toLowerCase()] : undefined;
  const suggestion = hinted ?? closestName(name, known);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
