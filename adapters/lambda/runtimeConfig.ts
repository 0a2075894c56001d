import * as z from 'zod';
import { parseSourceCidrs } from '../../lib/http/sourceAllowlist';
import { PARSE_ONCE } from '../../lib/parseOnce';

/**
 * The numeric settings' defaults, keyed by environment variable. The stack
 * (infra/) imports these so a deployed function and npm start agree without
 * repeating the numbers.
 */
export const RUNTIME_DEFAULTS = {
  BUDGET_MS: 2500,
  ROUTE_CACHE_TTL_MS: 30_000,
  /** Route JSON the cache and the last-known-good copies hold together, least recently used out first. */
  ROUTE_CACHE_BYTES: 32 * 1024 * 1024,
  /** Compiled RE2 programs, shared by every route of the container, least recently used out first. */
  PATTERN_CACHE_BYTES: 8 * 1024 * 1024,
  CALL_STATE_TTL_HOURS: 24,
  MAX_BODY_BYTES: 16_384,
  MAX_QUERY_BYTES: 8_192,
  /** A rotated key secret reaches every warm container within this (docs/security.md, rotation). */
  ROUTE_KEY_CACHE_TTL_MS: 300_000,
  /** An IVR prompt waits seconds for digits; an hour covers any call and bounds a leaked follow-up URL. */
  FOLLOW_UP_TTL_SECONDS: 3600,
} as const satisfies Record<string, number>;

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The functions' settings, read once per container from the environment the CDK
 * stack sets (infra/). Locally, npm start sets the same variables.
 */
export const runtimeConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Secrets Manager secret holding the route keys as JSON `{"current", "previous"?}`; absent locally. */
  ROUTE_KEY_SECRET_ARN: z.string().min(1).optional(),
  /** The route keys locally (npm start, tests), where there is no secret; ignored when the secret is set. */
  PIVOT_ROUTE_KEY: z.string().min(1).optional(),
  PIVOT_ROUTE_KEY_PREVIOUS: z.string().min(1).optional(),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  BUDGET_MS: int(RUNTIME_DEFAULTS.BUDGET_MS),
  ROUTE_CACHE_TTL_MS: int(RUNTIME_DEFAULTS.ROUTE_CACHE_TTL_MS),
  ROUTE_CACHE_BYTES: int(RUNTIME_DEFAULTS.ROUTE_CACHE_BYTES),
  PATTERN_CACHE_BYTES: int(RUNTIME_DEFAULTS.PATTERN_CACHE_BYTES),
  CALL_STATE_TTL_HOURS: int(RUNTIME_DEFAULTS.CALL_STATE_TTL_HOURS),
  MAX_BODY_BYTES: int(RUNTIME_DEFAULTS.MAX_BODY_BYTES),
  MAX_QUERY_BYTES: int(RUNTIME_DEFAULTS.MAX_QUERY_BYTES),
  ROUTE_KEY_CACHE_TTL_MS: int(RUNTIME_DEFAULTS.ROUTE_KEY_CACHE_TTL_MS),
  FOLLOW_UP_TTL_SECONDS: int(RUNTIME_DEFAULTS.FOLLOW_UP_TTL_SECONDS),
  /** Comma-separated CIDRs (Kazoo's egress) pivot and cdr accept requests from; unset or blank: any source. */
  ALLOWED_SOURCE_CIDRS: z.string().superRefine(refuseInvalidCidrs).optional(),
  /** Addresses lookups and calendar feeds may reach although loopback, link-local or private (comma-separated CIDRs). */
  OUTBOUND_ALLOWED_CIDRS: z.string().superRefine(refuseInvalidCidrs).optional(),
  /** `true`: lookups and feeds may use plain http:// (local runs); anything else: https only. */
  OUTBOUND_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Lookup credentials are the secrets `<prefix><route id>/<name>`. */
  LOOKUP_SECRET_PREFIX: z.string().min(1).default('kazoo-pivot/lookups/'),
});

function refuseInvalidCidrs(text: string, ctx: z.RefinementCtx): void {
  try {
    parseSourceCidrs(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export function runtimeConfigFrom(env: Record<string, string | undefined>): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(env, PARSE_ONCE);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment ${issue.path.join('.')}: ${issue.message}`);
  }
  if (!parsed.data.ROUTE_KEY_SECRET_ARN && !parsed.data.PIVOT_ROUTE_KEY) {
    throw new Error('set ROUTE_KEY_SECRET_ARN (deployed) or PIVOT_ROUTE_KEY (local)');
  }
  return parsed.data;
}
