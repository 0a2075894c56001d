/**
 * When a rule starts counting. Kazoo stores `start_date` as an instant
 * (Gregorian seconds) and reads it as a date in the route's time zone
 * (kz_date:from_gregorian_seconds), so the same number can be a different
 * date in Sydney than in New York. Kazoo's UI saves local midnight, which is
 * why the zone has to be applied, not the UTC date. An operator may instead
 * write the local date itself.
 */
import { instantFromGregorianSeconds } from './gregorianSeconds';
import type { LocalDate } from './localDate';
import { zonedDateTime } from './timeZone';

export type RuleStart =
  | { readonly kind: 'local-date'; readonly date: LocalDate }
  | { readonly kind: 'gregorian-seconds'; readonly seconds: number };

/** The local date the rule starts on, in the zone the route is judged in. */
export function startDateIn(start: RuleStart, timeZone: string): LocalDate {
  if (start.kind === 'local-date') return start.date;
  return zonedDateTime(instantFromGregorianSeconds(start.seconds), timeZone).date;
}
