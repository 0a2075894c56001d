import { RE2JS } from 're2js';

/**
 * Rule authors write regexes, and a rule regex runs synchronously on a live
 * call: a backtracking engine (JavaScript's RegExp) can spend minutes on
 * `(\d+)+x` and a 31-digit caller ID, and no deadline can interrupt it. Every
 * rule pattern therefore runs on RE2 (re2js, pure JavaScript), whose matching
 * time is linear in the subject whatever the pattern. RE2 has no backreferences
 * and no lookaround: a pattern using them is refused when the route is
 * validated, with a message saying so.
 */
export const MAX_PATTERN_LENGTH = 256;
/**
 * RE2's time is linear in the subject times the compiled program's size; nested counted
 * repetitions (`(\d{0,3}){1,64}`) multiply that size. Ordinary patterns are well under 100.
 */
export const MAX_PROGRAM_SIZE = 400;
/** Longer inputs never match: Kazoo's numbers and digit strings are short, and the bound keeps a match cheap. */
export const MAX_SUBJECT_LENGTH = 256;

export type CompiledPattern = { readonly source: string; readonly re: RE2JS };
export type PatternCheck = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

/** Compiles a rule pattern, or says in words why it cannot run. */
export function checkPattern(source: string): PatternCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, message: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (error) {
    return { ok: false, message: describeSyntaxError(source, error) };
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      message: `pattern too complex (program size ${size}, at most ${MAX_PROGRAM_SIZE}): use fewer nested counted repetitions`,
    };
  }
  return { ok: true, pattern: { source, re } };
}

function describeSyntaxError(source: string, error: unknown): string {
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not supported (patterns run on a linear-time engine, RE2 syntax)';
  if (/\(\?<?[=!]/.test(source)) return 'lookahead and lookbehind are not supported (patterns run on a linear-time engine, RE2 syntax)';
  const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
  return `not a valid regular expression (RE2 syntax): ${reason}`;
}

/**
 * The whole match then each capture group, or null: the first match anywhere in the
 * subject, as RegExp#exec finds it. A group that took no part is '' (what {{match.N}} renders).
 */
export function matchPattern(pattern: CompiledPattern, subject: string): string[] | null {
  if (subject.length > MAX_SUBJECT_LENGTH) return null;
  const matcher = pattern.re.matcher(subject);
  if (!matcher.find()) return null;
  const groups: string[] = [];
  for (let i = 0; i <= pattern.re.groupCount(); i++) groups.push(matcher.group(i) ?? '');
  return groups;
}

/**
 * Every pattern of one route, compiled once when the route is loaded (parseRoute):
 * a request only looks its patterns up. Not part of the route document: JSON leaves it out.
 */
export class CompiledPatterns {
  readonly #bySource = new Map<string, CompiledPattern>();

  /** Compiles each source; throws on a source that checkPattern refuses (parseRoute has refused it already). */
  constructor(sources: Iterable<string>) {
    for (const source of sources) {
      if (this.#bySource.has(source)) continue;
      const check = checkPattern(source);
      if (!check.ok) throw new Error(`pattern ${JSON.stringify(source)} cannot run: ${check.message}`);
      this.#bySource.set(source, check.pattern);
    }
  }

  /** Matches the route's pattern `source` against `subject` (see matchPattern). */
  match(source: string, subject: string): string[] | null {
    const pattern = this.#bySource.get(source);
    if (!pattern) throw new Error(`pattern ${JSON.stringify(source)} is not one of this route's`);
    return matchPattern(pattern, subject);
  }

  get size(): number {
    return this.#bySource.size;
  }

  toJSON(): undefined {
    return undefined;
  }
}
