import * as z from 'zod';

/**
 * The numeric settings' defaults, keyed by environment variable. The stack
 * (infra/) imports these so a deployed function and npm start agree without
 * repeating the numbers.
 */
export const RUNTIME_DEFAULTS = {
  BUDGET_MS: 2500,
  ROUTE_CACHE_TTL_MS: 30_000,
  CALL_STATE_TTL_HOURS: 24,
  MAX_BODY_BYTES: 16_384,
  MAX_QUERY_BYTES: 8_192,
} as const satisfies Record<string, number>;

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The functions' settings, read once per container from the environment the CDK
 * stack sets (infra/). Locally, npm start sets the same variables.
 */
export const runtimeConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Secrets Manager secret holding the token; absent locally, where PIVOT_TOKEN is used. */
  TOKEN_SECRET_ARN: z.string().min(1).optional(),
  PIVOT_TOKEN: z.string().min(1).optional(),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  BUDGET_MS: int(RUNTIME_DEFAULTS.BUDGET_MS),
  ROUTE_CACHE_TTL_MS: int(RUNTIME_DEFAULTS.ROUTE_CACHE_TTL_MS),
  CALL_STATE_TTL_HOURS: int(RUNTIME_DEFAULTS.CALL_STATE_TTL_HOURS),
  MAX_BODY_BYTES: int(RUNTIME_DEFAULTS.MAX_BODY_BYTES),
  MAX_QUERY_BYTES: int(RUNTIME_DEFAULTS.MAX_QUERY_BYTES),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export function runtimeConfigFrom(env: Record<string, string | undefined>): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment ${issue.path.join('.')}: ${issue.message}`);
  }
  if (!parsed.data.TOKEN_SECRET_ARN && !parsed.data.PIVOT_TOKEN) {
    throw new Error('set TOKEN_SECRET_ARN (deployed) or PIVOT_TOKEN (local)');
  }
  return parsed.data;
}
