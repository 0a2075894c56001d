import * as z from 'zod';
import { lazySchema } from '../lazySchema';

/** What we remember about one call between Pivot requests (an IVR in progress). Built on the first state read: a container answering only plain routes never needs it. */
export const callStateSchema = lazySchema(() =>
  z.object({
    callId: z.string().min(1),
    routeId: z.string().min(1),
    /** The IVR step whose answer we are waiting for. */
    step: z.string().optional(),
    /** Prompts played for that step so far. */
    attempts: z.number().int().nonnegative(),
    /** Collected DTMF by collection name, merged across requests so no digit is lost. */
    digits: z.record(z.string(), z.string()),
    /** Values earlier steps kept for later ones and for placeholders. */
    vars: z.record(z.string(), z.string()),
    /** Steps visited, in order: the cdr summary prints it. */
    path: z.array(z.string()),
    /** What the last answer was, in its log text (lib/rules/outcome.ts): `rule:<name>`, `option:<step>.<n>`, `retry:<step>`, `fallback`... */
    outcome: z.string().optional(),
    ended: z.boolean().optional(),
    /** Optimistic concurrency: every write expects the version it read. */
    version: z.number().int().nonnegative(),
    updatedAt: z.number().int(),
    /** DynamoDB TTL attribute, epoch seconds. DynamoDB deletes late: readers check it. */
    expiresAt: z.number().int(),
  }),
);
export type CallState = z.infer<typeof callStateSchema>;

/**
 * What names one call state: the route and Kazoo's Call-ID together. A Call-ID
 * alone would let a request on one route read or change another route's call.
 */
export type CallKey = Pick<CallState, 'routeId' | 'callId'>;

/** The part of a call state a mutation decides; the store owns version and timestamps. */
export type CallStateData = Omit<CallState, 'version' | 'updatedAt' | 'expiresAt'>;

export function emptyCallState(callId: string, routeId: string): CallStateData {
  return { callId, routeId, attempts: 0, digits: {}, vars: {}, path: [] };
}

/**
 * What a store writes: `data` under the key's route and Call-ID (whatever `data` says),
 * with the store's own version and timestamps. A state the schema refuses is never
 * stored (it could not be read back): the store refuses to write it.
 */
export function stampCallState(key: CallKey, data: CallStateData, version: number, nowMs: number, ttlSeconds: number): CallState {
  const updatedAt = Math.floor(nowMs);
  const candidate = {
    ...data,
    routeId: key.routeId,
    callId: key.callId,
    version,
    updatedAt,
    expiresAt: Math.floor(updatedAt / 1000 + ttlSeconds),
  };
  const parsed = callStateSchema.safeParse(candidate);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TypeError(`refusing to store an invalid call state for ${key.callId}: ${detail}`, { cause: parsed.error });
  }
  return parsed.data;
}
