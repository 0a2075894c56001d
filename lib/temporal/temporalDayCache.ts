import { dayVerdict, type DayVerdict } from './isRuleActive';
import { toEpochDay, type LocalDate } from './localDate';
import type { TemporalRule } from './temporalRuleSchema';

/**
 * Whether a temporal rule recurs on a local date changes once a day in its zone,
 * yet finding out walks Kazoo's next_rule_date (and, for a start given in
 * Gregorian seconds, reads the zone's clock). A loaded route keeps one of these:
 * each rule's verdict for the last local date it was judged on, so a request
 * pays that walk once per rule per day and otherwise only compares its time of
 * day with the rule's window. One entry per rule, replaced when the date or zone
 * changes: the cache never outgrows the route.
 */
export class TemporalDayCache {
  // Made on first use: most routes have no temporal rule, and an empty Map is ~200 bytes of every cached route.
  #verdicts: Map<TemporalRule, { epochDay: number; timeZone: string; verdict: DayVerdict }> | undefined;

  /** `epochDay` is `date`'s day number (toEpochDay), passed in so a request computes it once for all its rules. */
  verdict(rule: TemporalRule, date: LocalDate, timeZone: string, epochDay = toEpochDay(date)): DayVerdict {
    const known = this.#verdicts?.get(rule);
    if (known && known.epochDay === epochDay && known.timeZone === timeZone) return known.verdict;
    const verdict = dayVerdict(rule, date, timeZone);
    this.#verdicts ??= new Map();
    this.#verdicts.set(rule, { epochDay, timeZone, verdict });
    return verdict;
  }
}
