import { compareWithStored } from './compareWithStored';
import { summarizeChanges } from './formatChanges';
import { findDuplicateRoutes, loadRouteFiles } from './loadRouteFiles';
import { describeTarget } from './openRouteTable';
import { EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';
import { toStoredText } from './storedRouteText';
import { withRouteTable } from './withRouteTable';

/**
 * `push <files…>`: all files must be valid before anything is written, so a typo in
 * one file never leaves the table half updated. Unchanged routes are not rewritten.
 */
export async function pushCommand(files: string[], target: TableTarget, io: RulesIo, deps: Pick<RulesCliDeps, 'openRouteTable'>): Promise<number> {
  const loaded = await loadRouteFiles(files);
  const problems = [...loaded.errors, ...findDuplicateRoutes(loaded.valid)];
  if (problems.length > 0) {
    for (const line of problems) io.stderr.write(`${line}\n`);
    io.stderr.write(`nothing written to ${describeTarget(target)}\n`);
    return EXIT_FAILED;
  }
  return withRouteTable(target, io, deps, async (admin) => {
    for (const local of loaded.valid) {
      const comparison = await compareWithStored(admin, local);
      if (comparison.status !== 'unchanged') await admin.putRoute(local.routeId, toStoredText(local.document));
      const detail =
        comparison.status === 'updated' ? `  (${summarizeChanges(comparison.changes)})`
        : comparison.status === 'replaced' ? `  (${comparison.reason})`
        : '';
      io.stdout.write(`${comparison.status.padEnd(9)} ${local.routeId}  ${local.file}${detail}\n`);
    }
    return EXIT_OK;
  });
}
