import { dayVerdict, type DayVerdict } from './isRuleActive';
import { toEpochDay, type LocalDate } from './localDate';
import type { TemporalRule } from './temporalRuleSchema';

/**
 * Whether a temporal rule recurs on a local date changes once a day in its zone,
 * yet finding out walks Kazoo's next_rule_date (and, for a start given in
 * Gregorian seconds, reads the zone's clock). A loaded route keeps one of these:
 * each rule's verdict for the local date being judged, so a request pays that walk
 * once per rule per day and otherwise only compares its time of day with the
 * rule's window. The verdicts are of one date and zone at a time (a route judges
 * in its own zone, and its days follow each other): a request on another date or
 * in another zone starts them afresh. One entry per rule: the cache never
 * outgrows the route, and holds no more than a verdict per rule.
 */
export class TemporalDayCache {
  // Made on first use: most routes have no temporal rule, and an empty Map is ~200 bytes of every cached route.
  #verdicts: Map<TemporalRule, DayVerdict> | undefined;
  #epochDay = Number.NaN;
  #timeZone = '';

  /** `epochDay` is `date`'s day number (toEpochDay), passed in so a request computes it once for all its rules. */
  verdict(rule: TemporalRule, date: LocalDate, timeZone: string, epochDay = toEpochDay(date)): DayVerdict {
    if (epochDay !== this.#epochDay || timeZone !== this.#timeZone) {
      this.#verdicts?.clear();
      this.#epochDay = epochDay;
      this.#timeZone = timeZone;
    }
    const known = this.#verdicts?.get(rule);
    if (known !== undefined) return known;
    const verdict = dayVerdict(rule, date, timeZone);
    this.#verdicts ??= new Map();
    this.#verdicts.set(rule, verdict);
    return verdict;
  }
}
