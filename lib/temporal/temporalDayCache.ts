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
const VERDICTS: readonly DayVerdict[] = ['never', 'all-day', 'window', 'first-second'];
/**
 * Each rule's verdict, for every route of the process: `stamp * 4 + index in
 * VERDICTS`, valid while its cache's stamp (its date and zone) has not moved on.
 * One entry per rule, dropped with the route; a Map per route would cost each
 * cached route a few hundred bytes (bench: memory.parsedRouteVsJson).
 */
const verdicts = new WeakMap<TemporalRule, number>();
let lastStamp = 0;

export class TemporalDayCache {
  // A small integer, not NaN (which V8 would box): no zone is named '', so the first call starts afresh anyway.
  #epochDay = 0;
  #timeZone = '';
  #stamp = 0;

  /** `epochDay` is `date`'s day number (toEpochDay), passed in so a request computes it once for all its rules. */
  verdict(rule: TemporalRule, date: LocalDate, timeZone: string, epochDay = toEpochDay(date)): DayVerdict {
    if (epochDay !== this.#epochDay || timeZone !== this.#timeZone) {
      this.#epochDay = epochDay;
      this.#timeZone = timeZone;
      this.#stamp = ++lastStamp;
    }
    const known = verdicts.get(rule);
    if (known !== undefined && Math.floor(known / 4) === this.#stamp) return VERDICTS[known % 4]!;
    const verdict = dayVerdict(rule, date, timeZone);
    verdicts.set(rule, this.#stamp * 4 + VERDICTS.indexOf(verdict));
    return verdict;
  }
}
