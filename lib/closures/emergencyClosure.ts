/**
 * Emergency closure: `npm run rules -- close <route>` closes a route at once,
 * until `reopen` or an `until` instant. It is kept apart from the route document
 * (the route's history stays clean) behind ClosureStore; the live path reads it
 * with the route, cached as long as the route.
 */
import * as z from 'zod';
import { lazySchema } from '../lazySchema';
import type { StoreCallOptions } from '../calls/callStateStore';

/** Built on the first closure item read: most routes are never closed. */
export const emergencyClosureSchema = lazySchema(() =>
  z.object({
    /** When it was closed, epoch milliseconds. */
    closedAt: z.number().int(),
    /** Open again from this instant on (epoch milliseconds); absent: until `reopen`. */
    until: z.number().int().optional(),
    /** Spoken (TTS) to callers before the route's closed callflow. */
    message: z.string().min(1).max(1000).optional(),
  }),
);
export type EmergencyClosure = z.infer<typeof emergencyClosureSchema>;

export function isClosureActive(closure: EmergencyClosure | undefined, now: Date): closure is EmergencyClosure {
  return closure !== undefined && (closure.until === undefined || now.getTime() < closure.until);
}

/** The live read: a route's emergency closure, or undefined when it is open. */
export interface ClosureStore {
  getClosure(routeId: string, options?: StoreCallOptions): Promise<EmergencyClosure | undefined>;
}

/** The operator's side: close, reopen, and see every closure. */
export interface ClosureAdmin extends ClosureStore {
  putClosure(routeId: string, closure: EmergencyClosure): Promise<void>;
  /** True when there was a closure to remove. */
  deleteClosure(routeId: string): Promise<boolean>;
  listClosures(): Promise<Map<string, EmergencyClosure>>;
}

type Entry = { closure: EmergencyClosure | undefined; expiresAt: number };

/**
 * Keeps each route's closure as long as the route cache keeps the route, so a
 * `close` reaches every warm Lambda within that time. A failed read serves the
 * last value seen (or open): a closure must never cost a call its answer.
 */
export class CachedClosureStore implements ClosureStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: ClosureStore,
    private readonly options: { ttlMs?: number; now?: () => number; onReadFailed?: (routeId: string, error: unknown) => void } = {},
  ) {}

  async getClosure(routeId: string, options?: StoreCallOptions): Promise<EmergencyClosure | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.entries.get(routeId);
    if (cached && cached.expiresAt > now) return cached.closure;
    try {
      const closure = await this.source.getClosure(routeId, options);
      this.entries.set(routeId, { closure, expiresAt: now + (this.options.ttlMs ?? 30_000) });
      if (this.entries.size > 1_000) this.entries.delete(this.entries.keys().next().value!);
      return closure;
    } catch (error) {
      this.options.onReadFailed?.(routeId, error);
      return cached?.closure;
    }
  }
}
