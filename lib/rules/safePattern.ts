/**
 * Rule authors write regexes; a regex with nested quantifiers such as `(a+)+$`
 * can backtrack for minutes on a 30-character input, which would stall a live
 * call. We refuse such patterns when a route is validated (star height > 1,
 * a quantified group with alternation, backreferences), and only ever test
 * inputs up to MAX_SUBJECT_LENGTH characters.
 */
export const MAX_PATTERN_LENGTH = 256;
export const MAX_SUBJECT_LENGTH = 256;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; message: string };

type Frame = { hasQuantifier: boolean; hasAlternation: boolean };

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
  const stack: Frame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let closed: Frame | undefined;
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
      stack.push({ hasQuantifier: false, hasAlternation: false });
      closed = undefined;
      continue;
    }
    if (ch === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      const parent = stack[stack.length - 1]!;
      if (closed?.hasQuantifier) parent.hasQuantifier = true;
      continue;
    }
    if (ch === '|') {
      top.hasAlternation = true;
      closed = undefined;
      continue;
    }
    const repeats = repetitionAt(source, i);
    if (repeats) {
      if (repeats.unbounded || repeats.max > 1) {
        if (closed && (closed.hasQuantifier || closed.hasAlternation)) {
          return 'a repeated group contains a quantifier or alternation (nested repetition can backtrack without bound)';
        }
        top.hasQuantifier = true;
      }
      i = repeats.end;
      closed = undefined;
      continue;
    }
    closed = undefined;
  }
  return undefined;
}

function endOfCharacterClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > start + 1) return i;
  }
  return source.length;
}

function repetitionAt(source: string, i: number): { unbounded: boolean; max: number; end: number } | undefined {
  const ch = source[i];
  const lazy = (end: number) => (source[end + 1] === '?' ? end + 1 : end);
  if (ch === '*' || ch === '+') return { unbounded: true, max: Infinity, end: lazy(i) };
  if (ch === '?') return { unbounded: false, max: 1, end: lazy(i) };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { unbounded: max === Infinity, max, end: lazy(i + m[0].length - 1) };
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
