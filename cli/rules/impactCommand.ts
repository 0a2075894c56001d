/**
 * `impact <files…>`: what changes for callers if these files were pushed, against
 * the live version in the table, in words and times. `--fail-on-change` makes a
 * change exit 3, for CI.
 */
import { compareRouteVersions, type ImpactReport } from '../../lib/impact/routeImpact';
import { RouteValidationError } from '../../lib/errors';
import { parseStoredRoute } from '../../lib/routes/storedRoute';
import { loadRouteFiles } from './routeFiles';
import { describeTarget, EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget, withRouteTable } from './routeTable';

/** A change was found and --fail-on-change was given. */
export const EXIT_CHANGED = 3;

export type ImpactSettings = { failOnChange: boolean; days: number; now: Date };

export async function impactCommand(
  files: string[],
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
  settings: ImpactSettings,
): Promise<number> {
  const loaded = await loadRouteFiles(files);
  for (const line of loaded.errors) io.stderr.write(`${line}\n`);
  if (loaded.valid.length === 0) return EXIT_FAILED;
  return withRouteTable(target, io, deps, async (admin) => {
    let changed = false;
    for (const local of loaded.valid) {
      const pointer = await admin.versions.readPointer(local.routeId);
      if (pointer?.document === undefined) {
        io.stdout.write(
          `${local.routeId}: not in ${describeTarget(target)} yet; pushing it makes it answer every call to /pivot/${local.routeId}\n`,
        );
        changed = true;
        continue;
      }
      let live: ReturnType<typeof parseStoredRoute>;
      try {
        live = parseStoredRoute(pointer.document, local.routeId);
      } catch (error) {
        if (!(error instanceof RouteValidationError)) throw error;
        io.stdout.write(`${local.routeId}: the stored live copy is invalid (${error.message}); every answer would change\n`);
        changed = true;
        continue;
      }
      const report = compareRouteVersions(live, local.route, { now: settings.now, days: settings.days });
      const from = pointer.liveVersion === undefined ? 'the stored route' : `live v${pointer.liveVersion}`;
      io.stdout.write(`${local.routeId}: ${from} → ${local.file}${report.changed ? '' : ': no change for callers'}\n`);
      for (const line of reportLines(report, local.route.timezone, settings.days)) io.stdout.write(`${line}\n`);
      changed ||= report.changed;
    }
    const exit = loaded.invalidFiles.length > 0 ? EXIT_FAILED : EXIT_OK;
    return changed && settings.failOnChange && exit === EXIT_OK ? EXIT_CHANGED : exit;
  });
}

export function reportLines(report: ImpactReport, timezone: string, days: number): string[] {
  const lines: string[] = [];
  for (const section of report.sections) {
    lines.push(`  ${section.label} (this week, ${timezone}):`);
    for (const line of section.lines) lines.push(`    ${line}`);
  }
  if (report.dates.length > 0) {
    lines.push(`  dates in the next ${days} days that change unlike their weekday:`);
    for (const line of report.dates) lines.push(`    ${line}`);
  }
  return lines;
}
