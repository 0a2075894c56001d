import { isRuleActiveAt } from './isRuleActive';
import { toEpochDay } from './localDate';
import type { TemporalDayCache } from './temporalDayCache';
import type { TemporalRule } from './temporalRuleSchema';
import { type ZonedDateTime, zonedDateTime } from './timeZone';

/**
 * One request's clock in its route's zone. The wall clock is read once, on the
 * first rule that asks (Intl's formatToParts is the costly part), however many
 * temporal rules the route holds; a request no temporal rule looks at never reads it.
 */
export class ZonedClock {
  #local: ZonedDateTime | undefined;
  #epochDay: number | undefined;

  constructor(
    readonly instant: Date,
    readonly timeZone: string,
    /** The route's per-day verdicts; without it each rule is judged from scratch. */
    readonly days?: TemporalDayCache,
  ) {}

  /** Local date and wall-clock time; throws RangeError for a zone the runtime does not know. */
  get local(): ZonedDateTime {
    this.#local ??= zonedDateTime(this.instant, this.timeZone);
    return this.#local;
  }

  /** True when any of the rules is active now: a route's rule list means "any of these". */
  anyActive(rules: readonly TemporalRule[]): boolean {
    const local = this.local;
    this.#epochDay ??= toEpochDay(local.date);
    for (const rule of rules) if (isRuleActiveAt(rule, local, this.timeZone, this.days, this.#epochDay)) return true;
    return false;
  }
}
