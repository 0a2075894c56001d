/** Time-of-day routing: Kazoo's temporal rules, judged as cf_temporal_route judges them. */
export { temporalRuleSchema, type TemporalRule, type TemporalRuleInput } from './temporalRuleSchema';
export { isRuleActive, anyRuleActive } from './isRuleActive';
export { nextRuleDate } from './nextRuleDate';
export { CYCLES, type Cycle, type CalendarRule } from './calendarRule';
export { startDateIn, type RuleStart } from './ruleStart';
export { isValidTimeZone, zonedDateTime, type ZonedDateTime } from './timeZone';
export { WEEKDAYS, ORDINALS, type Weekday, type Ordinal } from './weekdays';
export {
  addDays,
  addMonths,
  compareDates,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  isLeapYear,
  isSameDate,
  localDate,
  parseIsoDate,
  type DayOfWeek,
  type LocalDate,
} from './localDate';
export { isoWeekNumber, fromIsoWeek, isoWeekDifference, type IsoWeek } from './isoWeek';
export {
  gregorianSecondsFromDate,
  gregorianSecondsFromInstant,
  instantFromGregorianSeconds,
  utcDateFromGregorianSeconds,
} from './gregorianSeconds';
