/**
 * Rule authors write regexes; a regex with nested quantifiers such as `(a+)+$`
 * can backtrack for minutes on a 30-character input, which would stall a live
 * call. We refuse such patterns when a route is validated (star height > 1,
 * a quantified group with alternation, backreferences), and only ever test
 * inputs up to MAX_SUBJECT_LENGTH characters.
 *
 * Without nesting, backtracking is still polynomial in the number of open-ended
 * repetitions (`.*.*.*=.*` takes seconds on 256 characters) and exponential in the
 * number of alternations in a row (`(1|1)(1|1)...`). So we also bound an estimate
 * of the work: the ways the variable-width repetitions can share the subject,
 * times the alternatives, times the start positions (one when anchored with `^`).
 */
export const MAX_PATTERN_LENGTH = 256;
export const MAX_SUBJECT_LENGTH = 256;
/** About 50 ms of backtracking on a 256-character subject. */
export const MAX_BACKTRACKING_STEPS = 10_000_000;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; message: string };

type Frame = { hasQuantifier: boolean; hasAlternation: boolean; branches: number };

export function checkPattern(source: string): PatternCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, message: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    return { ok: false, message: `not a valid regular expression: ${(error as Error).message}` };
  }
  const danger = findBacktrackingRisk(source);
  return danger ? { ok: false, message: danger } : { ok: true, regex };
}

function findBacktrackingRisk(source: string): string | undefined {
  const stack: Frame[] = [newFrame()];
  let closed: Frame | undefined;
  /** Extra widths each variable-width repetition may take (`?` 1, `{2,5}` 3, `*` up to the subject). */
  const widths: number[] = [];
  /** Branch counts of every alternation. */
  const alternations: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const top = stack[stack.length - 1]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'backreferences are not allowed (they can backtrack without bound)';
      i++;
      closed = undefined;
      continue;
    }
    if (ch === '[') {
      i = endOfCharacterClass(source, i);
      closed = undefined;
      continue;
    }
    if (ch === '(') {
      stack.push(newFrame());
      // (?:  (?=  (?!  (?<=  (?<!  (?<name>: the prefix is not a quantifier.
      i += /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1))?.[0].length ?? 0;
      closed = undefined;
      continue;
    }
    if (ch === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      const parent = stack[stack.length - 1]!;
      if (closed?.hasQuantifier) parent.hasQuantifier = true;
      if (closed && closed.branches > 1) alternations.push(closed.branches);
      continue;
    }
    if (ch === '|') {
      top.hasAlternation = true;
      top.branches++;
      closed = undefined;
      continue;
    }
    const repeats = repetitionAt(source, i);
    if (repeats) {
      // An optional part counts as a quantifier too: `(a?)+` can split a run of a's every way.
      const width = Math.min(repeats.max, MAX_SUBJECT_LENGTH) - Math.min(repeats.min, MAX_SUBJECT_LENGTH);
      if (repeats.unbounded || repeats.max > 1) {
        if (closed && (closed.hasQuantifier || closed.hasAlternation)) {
          return 'a repeated group contains a quantifier or alternation (nested repetition can backtrack without bound)';
        }
        top.hasQuantifier = true;
      }
      if (width > 0) {
        top.hasQuantifier = true;
        widths.push(width);
      }
      i = repeats.end;
      closed = undefined;
      continue;
    }
    closed = undefined;
  }
  const top = stack[0]!;
  if (top.branches > 1) alternations.push(top.branches);
  const anchored = source.startsWith('^') && top.branches === 1;
  const steps = backtrackingEstimate(widths, alternations, anchored);
  if (steps > MAX_BACKTRACKING_STEPS) {
    return (
      `the pattern could backtrack about ${steps.toExponential(1)} steps on a ${MAX_SUBJECT_LENGTH}-character input ` +
      `(at most ${MAX_BACKTRACKING_STEPS.toExponential(0)}): anchor it with ^, or use fewer open-ended repetitions or alternatives in a row`
    );
  }
  return undefined;
}

function newFrame(): Frame {
  return { hasQuantifier: false, hasAlternation: false, branches: 1 };
}

/**
 * An upper bound on the paths a backtracking matcher may try: the ways k variable
 * repetitions can split a subject (the product of their widths, and at most
 * C(n + k, k) since together they consume at most n characters), times every
 * alternation's branches, times the path length, times the start positions.
 */
function backtrackingEstimate(widths: readonly number[], alternations: readonly number[], anchored: boolean): number {
  const n = MAX_SUBJECT_LENGTH;
  const k = widths.length;
  let splits = 1;
  for (let i = 1; i <= k; i++) splits = (splits * (n + i)) / i;
  const product = widths.reduce((p, w) => p * (w + 1), 1);
  const branches = alternations.reduce((p, b) => p * b, 1);
  return (anchored ? 1 : n) * Math.min(product, splits) * branches * (1 + alternations.length);
}

function endOfCharacterClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > start + 1) return i;
  }
  return source.length;
}

function repetitionAt(source: string, i: number): { unbounded: boolean; min: number; max: number; end: number } | undefined {
  const ch = source[i];
  const lazy = (end: number) => (source[end + 1] === '?' ? end + 1 : end);
  if (ch === '*' || ch === '+') return { unbounded: true, min: ch === '+' ? 1 : 0, max: Infinity, end: lazy(i) };
  if (ch === '?') return { unbounded: false, min: 0, max: 1, end: lazy(i) };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { unbounded: max === Infinity, min: Number(m[1]), max, end: lazy(i + m[0].length - 1) };
  }
  return undefined;
}

const compiled = new Map<string, RegExp>();

/** Patterns were checked when the route loaded; compile each once per container. */
export function compiledPattern(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(source);
    if (compiled.size < 10_000) compiled.set(source, regex);
  }
  return regex;
}

/** Matches only within the subject bound, so a huge value can't make even a safe pattern slow. */
export function execBounded(regex: RegExp, subject: string): RegExpExecArray | null {
  if (subject.length > MAX_SUBJECT_LENGTH) return null;
  return regex.exec(subject);
}
