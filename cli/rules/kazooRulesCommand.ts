/** `kazoo-rules <files…>`: each route's time conditions as Kazoo `temporal_rules` documents (JSON on stdout). */
import { kazooTemporalRulesOf } from '../../lib/routes/kazooTemporalRules';
import { zonedDateTime } from '../../lib/temporal/timeZone';
import { loadRouteFiles } from './routeFiles';
import { EXIT_FAILED, EXIT_OK, type RulesIo } from './routeTable';

export async function kazooRulesCommand(files: string[], io: RulesIo, now: Date = new Date()): Promise<number> {
  const loaded = await loadRouteFiles(files, { now });
  for (const line of loaded.errors) io.stderr.write(`${line}\n`);
  if (loaded.errors.length > 0) return EXIT_FAILED;
  const routes = loaded.valid.map(({ route }) => {
    // Holidays are dates, not a rule Kazoo can recur: this year's and next year's are written out.
    const year = zonedDateTime(now, route.timezone).date.year;
    return { route: route.id, timezone: route.timezone, conditions: kazooTemporalRulesOf(route, [year, year + 1]) };
  });
  io.stdout.write(`${JSON.stringify(routes.length === 1 ? routes[0] : routes, null, 2)}\n`);
  return EXIT_OK;
}
