import type { RE2JS } from 're2js';

/**
 * Rule authors write regexes, and a rule regex runs synchronously on a live
 * call: a backtracking engine (JavaScript's RegExp) can spend minutes on
 * `(\d+)+x` and a 31-digit caller ID, and no deadline can interrupt it. Every
 * rule pattern therefore runs on RE2 (re2js, pure JavaScript), whose matching
 * time is linear in the subject whatever the pattern. RE2 has no backreferences
 * and no lookaround: a pattern using them is refused when the route is
 * validated, with a message saying so.
 *
 * re2js is loaded only when a route that holds patterns is loaded (most routes
 * hold none, and a cold start should not pay for it): loadPatternEngineFor() is
 * awaited before such a route is parsed (CachedRulesStore, route versions, the
 * CLI, npm start); after that, checking and matching are synchronous.
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

type Engine = typeof RE2JS;
let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Loads re2js once per process; every later call is free. */
export async function loadPatternEngine(): Promise<void> {
  loading ??= import('re2js').then((module) => {
    engine = module.RE2JS;
    return engine;
  });
  await loading;
}

export function patternEngineLoaded(): boolean {
  return engine !== undefined;
}

/**
 * Loads re2js when `document` (a route as stored: text, object, or a versioned
 * wrapper) may hold a pattern, so parsing it can check them synchronously. A
 * document without a `pattern` or `patterns` key costs a walk of its keys only.
 */
export async function loadPatternEngineFor(document: unknown): Promise<void> {
  if (!engine && mayHoldPatterns(document)) await loadPatternEngine();
}

/** True when some object in `document` has a `pattern` or `patterns` key (a JSON text: when the text names one). */
export function mayHoldPatterns(document: unknown): boolean {
  if (typeof document === 'string') return document.includes('"pattern');
  // An explicit stack: a hostile document nested thousands deep must not overflow the call stack.
  const stack: unknown[] = [document];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('"pattern')) return true;
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (!Array.isArray(value) && (Object.hasOwn(value, 'pattern') || Object.hasOwn(value, 'patterns'))) return true;
    for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

function loadedEngine(): Engine {
  if (!engine)
    throw new Error('the pattern engine is not loaded: await loadPatternEngineFor(document) before parsing a route with patterns');
  return engine;
}

/** Compiles a rule pattern, or says in words why it cannot run. Needs the engine loaded (loadPatternEngine). */
export function checkPattern(source: string): PatternCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, message: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  const RE2 = loadedEngine();
  let re: RE2JS;
  try {
    re = RE2.compile(source);
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
