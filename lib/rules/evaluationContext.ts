import type { PivotRequest } from '../request/pivotRequest';
import type { CallState } from '../calls/callState';
import type { PlaceholderValues } from '../routes/placeholders';
import type { TemporalDayCache } from '../temporal/temporalDayCache';
import { ZonedClock } from '../temporal/zonedClock';
import { lookupValue, noOutsideData, type KnownOutsideData } from './outsideData';

/** Everything a rule may look at for one request. */
export type EvaluationContext = {
  request: PivotRequest;
  now: Date;
  timezone: string;
  /** `now` in `timezone`, read once per request, with the route's per-day temporal verdicts. */
  clock: ZonedClock;
  /** Collections from earlier requests of the call, overlaid with this request's. */
  digits: Record<string, string>;
  /** IVR values and Custom-Application-Vars (the request wins). */
  vars: Record<string, string>;
  /** Lookups and calendar feeds fetched so far (lib/rules/outsideData.ts). */
  outside: KnownOutsideData;
};

export function buildEvaluationContext(
  request: PivotRequest,
  state: CallState | undefined,
  now: Date,
  timezone: string,
  temporalDays?: TemporalDayCache,
  outside: KnownOutsideData = noOutsideData(),
): EvaluationContext {
  return {
    request,
    now,
    timezone,
    clock: new ZonedClock(now, timezone, temporalDays),
    outside,
    digits: ownMap(state?.digits, request.digits.collections),
    vars: ownMap(state?.vars, request.customApplicationVars),
  };
}

/**
 * The maps merged into an object with no prototype, so every lookup by name
 * (`vars.constructor`, a collection named `toString`) finds the caller's value
 * or nothing, never a member of Object.prototype.
 */
function ownMap(...maps: (Record<string, string> | undefined)[]): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, ...maps);
}

export function placeholderValues(ctx: EvaluationContext, match: readonly string[] = []): PlaceholderValues {
  const r = ctx.request;
  return {
    request: {
      'Call-ID': r.callId,
      'Account-ID': r.accountId,
      'Caller-ID-Name': r.callerIdName,
      'Caller-ID-Number': r.callerIdNumber,
      From: r.from,
      To: r.to,
      Request: r.request,
      Language: r.language,
      Direction: r.direction,
      'User-ID': r.userIds[0],
    },
    digits: ctx.digits,
    vars: ctx.vars,
    match,
    lookup: (lookup, field) => lookupValue(ctx.outside, lookup, field, () => placeholderValues(ctx, match)) ?? '',
  };
}
