import { type CompiledPattern, checkPattern, matchPattern } from './safePattern';

/**
 * A compiled RE2 program costs 5–40 KB of heap, ten to thirty times its source,
 * and many routes share patterns (`^\+1`, `^\d{4}$`). So a route keeps only its
 * pattern sources, and the programs live here: one per distinct source for the
 * whole process, compiled when a route is validated or on first match, least
 * recently used out first once their estimated size passes the budget. A program
 * evicted and needed again is compiled again (tens of microseconds), so the
 * budget trades memory for that CPU, never for correctness.
 */

/** 8 MiB: about 600 ordinary patterns (a 20-instruction program is ~13 KB) before any is compiled twice. The functions read PATTERN_CACHE_BYTES (adapters/lambda/runtimeConfig.ts, same default). */
export const DEFAULT_PATTERN_CACHE_BYTES = 8 * 1024 * 1024;

/** What a route's conditions call to match: the process-wide cache, or any stand-in with its answers. */
export interface PatternMatcher {
  /** The whole match then each group (see matchPattern), or null. `source` must be a pattern the route was validated with. */
  match(source: string, subject: string): string[] | null;
}

/** `used`: matched since eviction last looked at it (a second chance, set on a hit with one write). */
type Entry = { readonly pattern: CompiledPattern; readonly bytes: number; used: boolean };

export class PatternCache implements PatternMatcher {
  /** Oldest first (a Map keeps insertion order); eviction moves a used one to the end instead. */
  readonly #programs = new Map<string, Entry>();
  #bytes = 0;

  constructor(private maxBytes: number = DEFAULT_PATTERN_CACHE_BYTES) {}

  match(source: string, subject: string): string[] | null {
    let entry = this.#programs.get(source);
    if (entry) entry.used = true;
    else {
      const check = checkPattern(source);
      // Unreachable for a parsed route: parseRoute refused any pattern checkPattern refuses.
      if (!check.ok) throw new Error(`pattern ${JSON.stringify(source)} cannot run: ${check.message}`);
      entry = this.#admit(check.pattern);
    }
    return matchPattern(entry.pattern, subject);
  }

  /** Whether `source` is compiled and held now (validation then need not compile it again). */
  has(source: string): boolean {
    return this.#programs.has(source);
  }

  /** Keeps a program validation compiled, so the first call to match it does not compile it again. */
  remember(pattern: CompiledPattern): void {
    if (!this.#programs.has(pattern.source)) this.#admit(pattern);
  }

  /** Sets the budget (the functions read PATTERN_CACHE_BYTES) and evicts down to it. */
  resize(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.#evict();
  }

  /** Forgets every program (the bench measures from empty). */
  clear(): void {
    this.#programs.clear();
    this.#bytes = 0;
  }

  /** Estimated heap the held programs take, never above the budget (unless one program alone is). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#programs.size;
  }

  /** Not part of any route document: a route serialized to JSON leaves it out. */
  toJSON(): undefined {
    return undefined;
  }

  #admit(pattern: CompiledPattern): Entry {
    const entry = { pattern, bytes: programBytes(pattern), used: false };
    this.#programs.set(pattern.source, entry);
    this.#bytes += entry.bytes;
    this.#evict(pattern.source);
    return entry;
  }

  /**
   * Least recently used out first, approximately ("second chance"): a program matched
   * since it was last looked at goes to the back instead, so a hit costs one write,
   * not a reordering of the map on every match of every call.
   */
  #evict(keep?: string): void {
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#programs.entries().next();
      if (oldest.done) return;
      const [source, entry] = oldest.value;
      this.#programs.delete(source);
      if (source === keep && this.#programs.size === 0) {
        this.#programs.set(source, entry);
        return;
      }
      if (entry.used || source === keep) {
        entry.used = false;
        this.#programs.set(source, entry);
      } else this.#bytes -= entry.bytes;
    }
  }
}

/**
 * A program's heap, estimated from its instruction count: measured on re2js 2.10
 * (bench/routeMemory.ts prints the estimate beside the heap), a compiled program
 * with its matcher state costs about 4 KB plus 650 bytes per instruction for
 * ordinary patterns, less per instruction for large ones; this errs high.
 */
export function programBytes(pattern: CompiledPattern): number {
  return 2500 + 650 * pattern.re.programSize() + 2 * pattern.source.length;
}

/** The one cache every route of this process matches through. */
export const sharedPatterns = new PatternCache();
