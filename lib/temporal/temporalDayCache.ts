import { dayVerdict, type DayVerdict } from './isRuleActive';
import { toEpochDay, type LocalDate } from './localDate';
import type { TemporalRule } from './temporalRuleSchema';

/**
 * Whether a temporal rule recurs on a local date changes once a day in its zone,
 * yet finding out walks Kazoo's next_rule_date (and, for a start given in
 * Gregorian seconds, reads the zone's clock). This keeps each rule's verdict for
 * the local date last judged in its zone, so a request pays that walk once per
 * rule per day and otherwise only compares its time of day with the rule's
 * window. A request on another date in that zone starts its verdicts afresh.
 *
 * The verdicts sit in one process-wide weak map, one entry per rule, dropped with
 * the route (a Map per route would cost each cached route a few hundred bytes;
 * bench: memory.parsedRouteVsJson); each is `stamp * 4 + index in VERDICTS`,
 * valid while its zone's stamp (the date last judged there) has not moved on. So
 * an instance holds nothing: every route can share one.
 */
const VERDICTS: readonly DayVerdict[] = ['never', 'all-day', 'window', 'first-second'];
const verdicts = new WeakMap<TemporalRule, number>();
/** Per zone: the local date last judged in it and its stamp (at most one entry per IANA zone). */
const zoneDays = new Map<string, { epochDay: number; stamp: number }>();
let lastStamp = 0;

export class TemporalDayCache {
  /** `epochDay` is `date`'s day number (toEpochDay), passed in so a request computes it once for all its rules. */
  verdict(rule: TemporalRule, date: LocalDate, timeZone: string, epochDay = toEpochDay(date)): DayVerdict {
    let day = zoneDays.get(timeZone);
    if (day?.epochDay !== epochDay) {
      day = { epochDay, stamp: ++lastStamp };
      zoneDays.set(timeZone, day);
    }
    const known = verdicts.get(rule);
    if (known !== undefined && Math.floor(known / 4) === day.stamp) return VERDICTS[known % 4]!;
    const verdict = dayVerdict(rule, date, timeZone);
    verdicts.set(rule, day.stamp * 4 + VERDICTS.indexOf(verdict));
    return verdict;
  }
}

/** The one instance every parsed route holds (it keeps no state of its own). */
export const TEMPORAL_DAYS = new TemporalDayCache();
