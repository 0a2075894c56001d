import type { Node } from 'constructs';
// The runtime's own defaults, so a deployed function and `npm start` agree without repeating the numbers.
import { RUNTIME_DEFAULTS } from '../adapters/lambda/runtimeConfig';
// The handlers' own CIDR parser: synth refuses exactly what the functions would.
import { parseSourceCidrs } from '../lib/http/sourceAllowlist';

/** The knobs an operator may turn per deployment; everything else is fixed by design. */
export interface PivotSettings {
  /** Time the pivot handler allows itself per request; the Lambda timeout is derived from it. */
  readonly budgetMs: number;
  /** Keep the table (and its routes) when the stack is deleted. */
  readonly retainTable: boolean;
  /** Refuse DeleteTable calls, even from CloudFormation. */
  readonly deletionProtection: boolean;
  /** Steady-state requests per second the API accepts before answering 429. */
  readonly throttleRateLimit: number;
  /** Requests the API accepts in a burst above the rate. */
  readonly throttleBurstLimit: number;
  /** Existing SNS topic that alarms notify; without it alarms only change state. */
  readonly alarmTopicArn?: string;
  /**
   * IPv4/IPv6 CIDRs (Kazoo's egress addresses) pivot and cdr accept requests from;
   * others get 403 before any read. Unset or empty: every source (the default).
   */
  readonly allowedSourceCidrs?: readonly string[];
  /**
   * Addresses route lookups and calendar feeds may reach although private (a CRM in
   * the VPC): OUTBOUND_ALLOWED_CIDRS. Unset: only public addresses, over https.
   */
  readonly outboundAllowedCidrs?: readonly string[];
}

export const defaultPivotSettings: PivotSettings = {
  budgetMs: RUNTIME_DEFAULTS.BUDGET_MS,
  retainTable: true,
  deletionProtection: true,
  throttleRateLimit: 100,
  throttleBurstLimit: 200,
};

/** Context keys, e.g. `npx cdk synth -c pivot:budgetMs=2000 -c pivot:retainTable=false`. */
export const pivotContextKeys = {
  budgetMs: 'pivot:budgetMs',
  retainTable: 'pivot:retainTable',
  deletionProtection: 'pivot:deletionProtection',
  throttleRateLimit: 'pivot:throttleRateLimit',
  throttleBurstLimit: 'pivot:throttleBurstLimit',
  alarmTopicArn: 'pivot:alarmTopicArn',
  allowedSourceCidrs: 'pivot:allowedSourceCidrs',
  outboundAllowedCidrs: 'pivot:outboundAllowedCidrs',
} as const satisfies Record<keyof PivotSettings, string>;

/** Context given on the command line arrives as strings, from cdk.json as JSON values: accept both. */
export function pivotSettingsFromContext(node: Node): PivotSettings {
  const read = (key: keyof PivotSettings): unknown => node.tryGetContext(pivotContextKeys[key]);
  return {
    budgetMs: asNumber(read('budgetMs'), defaultPivotSettings.budgetMs, pivotContextKeys.budgetMs),
    retainTable: asBoolean(read('retainTable'), defaultPivotSettings.retainTable, pivotContextKeys.retainTable),
    deletionProtection: asBoolean(read('deletionProtection'), defaultPivotSettings.deletionProtection, pivotContextKeys.deletionProtection),
    throttleRateLimit: asNumber(read('throttleRateLimit'), defaultPivotSettings.throttleRateLimit, pivotContextKeys.throttleRateLimit),
    throttleBurstLimit: asNumber(read('throttleBurstLimit'), defaultPivotSettings.throttleBurstLimit, pivotContextKeys.throttleBurstLimit),
    alarmTopicArn: asOptionalString(read('alarmTopicArn')),
    allowedSourceCidrs: asCidrs(read('allowedSourceCidrs')),
    outboundAllowedCidrs: asCidrs(read('outboundAllowedCidrs'), pivotContextKeys.outboundAllowedCidrs),
  };
}

/** Explicit overrides (tests, another app) win over context; `undefined` means "not given", not "unset it". */
export function resolvePivotSettings(node: Node, overrides: Partial<PivotSettings> = {}): PivotSettings {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const settings = { ...pivotSettingsFromContext(node), ...given };
  return {
    ...settings,
    allowedSourceCidrs: asCidrs(settings.allowedSourceCidrs),
    outboundAllowedCidrs: asCidrs(settings.outboundAllowedCidrs, pivotContextKeys.outboundAllowedCidrs),
  };
}

function asNumber(value: unknown, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`context ${key} must be a positive number, got ${JSON.stringify(value)}`);
  return parsed;
}

function asBoolean(value: unknown, fallback: boolean, key: string): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`context ${key} must be true or false, got ${JSON.stringify(value)}`);
}

/** A comma-separated string (`-c`) or a list (cdk.json, overrides), normalised; none given or empty: undefined. */
function asCidrs(value: unknown, key: string = pivotContextKeys.allowedSourceCidrs): string[] | undefined {
  if (value === undefined) return undefined;
  const isList = Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (typeof value !== 'string' && !isList) {
    throw new Error(`context ${key} must be a comma-separated list of CIDRs, got ${JSON.stringify(value)}`);
  }
  try {
    const cidrs = parseSourceCidrs(value as string | string[]);
    return cidrs.length > 0 ? cidrs : undefined;
  } catch (error) {
    throw new Error(`context ${key}: ${(error as Error).message}`);
  }
}

function asOptionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
