/**
 * The `holidays` condition: true on the public holidays (or other types) of a
 * country and region, as the date-holidays library defines them (observed and
 * substitute days included), judged in the route's time zone.
 *
 * date-holidays is large (its data alone is 800 KB), so it is loaded only when a
 * route uses this condition: loadHolidayLibrary() is awaited when such a route
 * is loaded (CachedRulesStore, the CLI), after which matching is synchronous.
 * Each (place, types, zone) keeps its holidays per year, computed on first use.
 */
import * as z from 'zod';
import type HolidaysClass from 'date-holidays';

export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

export const holidayConditionSchema = z.strictObject(
  {
    country: z
      .string({ error: 'country must be an ISO 3166 country code such as "US"' })
      .regex(/^[A-Za-z]{2}$/, { error: 'country must be an ISO 3166 country code such as "US"' })
      .transform((c) => c.toUpperCase()),
    region: z
      .string({ error: 'region must be text' })
      .min(1, { error: 'region must not be empty' })
      .optional()
      .describe('State or region code as date-holidays names it, e.g. "CA" for California'),
    subregion: z
      .string({ error: 'subregion must be text' })
      .min(1)
      .optional()
      .describe('A region inside the region, where the library has one'),
    types: z
      .array(z.enum(HOLIDAY_TYPES, { error: `types must list holiday types among ${HOLIDAY_TYPES.join(', ')}` }))
      .min(1, { error: 'types must list at least one holiday type' })
      .default(['public'])
      .describe('Default: public holidays only'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.join(', ')}; holidays takes country, region, subregion, types`
        : undefined,
  },
);

export type HolidayCondition = z.output<typeof holidayConditionSchema>;

type HolidaysConstructor = typeof HolidaysClass;
let library: HolidaysConstructor | undefined;
let loading: Promise<HolidaysConstructor> | undefined;

/** Loads date-holidays once per process; every later call is free. */
export async function loadHolidayLibrary(): Promise<void> {
  loading ??= import('date-holidays').then((module) => {
    library = module.default;
    return library;
  });
  await loading;
}

export function holidayLibraryLoaded(): boolean {
  return library !== undefined;
}

function loadedLibrary(): HolidaysConstructor {
  if (!library) throw new Error('the holiday library is not loaded: await loadHolidayLibrary() when a route with holidays is loaded');
  return library;
}

/** Why the library knows no such place, or undefined when it does. Needs the library loaded. */
export function unknownHolidayPlace(condition: HolidayCondition): { field: string; message: string } | undefined {
  const hd = new (loadedLibrary())();
  const countries = hd.getCountries() ?? {};
  if (!Object.hasOwn(countries, condition.country))
    return { field: 'country', message: `no holidays are known for country "${condition.country}"` };
  if (condition.region === undefined) return undefined;
  const states = hd.getStates(condition.country) ?? {};
  if (!Object.hasOwn(states, condition.region)) {
    const known = Object.keys(states);
    const hint = known.length > 0 ? `; known: ${known.slice(0, 60).join(', ')}${known.length > 60 ? ', …' : ''}` : '; it has none';
    return { field: 'region', message: `${condition.country} has no region "${condition.region}"${hint}` };
  }
  if (condition.subregion === undefined) return undefined;
  const regions = hd.getRegions(condition.country, condition.region) ?? {};
  if (!Object.hasOwn(regions, condition.subregion))
    return { field: 'subregion', message: `${condition.country}-${condition.region} has no subregion "${condition.subregion}"` };
  return undefined;
}

/** One holiday as the library gives it, reduced to what matching and the CLI need. */
export type HolidaySpan = { name: string; date: string; type: string; start: number; end: number };

/** Holiday spans by place, types and zone (a JSON key), then by year: shared by every copy of a route. */
const calendars = new Map<string, Map<number, HolidaySpan[]>>();
/** The same maps reached from a parsed condition without building its key on every call. */
const byCondition = new WeakMap<HolidayCondition, Map<string, Map<number, HolidaySpan[]>>>();

function yearsOf(condition: HolidayCondition, timeZone: string): Map<number, HolidaySpan[]> {
  let zones = byCondition.get(condition);
  if (!zones) {
    zones = new Map();
    byCondition.set(condition, zones);
  }
  let years = zones.get(timeZone);
  if (!years) {
    const key = JSON.stringify([condition.country, condition.region, condition.subregion, condition.types, timeZone]);
    years = calendars.get(key) ?? new Map<number, HolidaySpan[]>();
    calendars.set(key, years);
    zones.set(timeZone, years);
  }
  return years;
}

/** The holidays of `year` (local to the zone), start and end as instants in the route's zone. */
export function holidaysOfYear(condition: HolidayCondition, year: number, timeZone: string): HolidaySpan[] {
  const years = yearsOf(condition, timeZone);
  let spans = years.get(year);
  if (!spans) {
    const Holidays = loadedLibrary();
    const place = [condition.country, condition.region, condition.subregion].filter((p): p is string => p !== undefined);
    const hd = new Holidays(place[0]!, place[1] ?? '', place[2] ?? '', { timezone: timeZone, types: [...condition.types] });
    spans = (hd.getHolidays(year) || [])
      .filter((h) => (condition.types as readonly string[]).includes(h.type))
      .map((h) => ({ name: h.name, date: h.date.slice(0, 10), type: h.type, start: h.start.getTime(), end: h.end.getTime() }));
    years.set(year, spans);
  }
  return spans;
}

/** The holiday in force at `instant` (start included, end excluded), if any. */
export function holidayAt(condition: HolidayCondition, instant: Date, timeZone: string): HolidaySpan | undefined {
  // The UTC year is the local one give or take one; a holiday listed under a neighbouring
  // year may fall in this one too (an observed day, one running past midnight).
  const year = instant.getUTCFullYear();
  const t = instant.getTime();
  for (const y of [year, year - 1, year + 1]) {
    const found = holidaysOfYear(condition, y, timeZone).find((h) => h.start <= t && t < h.end);
    if (found) return found;
  }
  return undefined;
}
