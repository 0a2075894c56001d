import { compareWithStored } from './compareWithStored';
import { describeChanges } from './formatChanges';
import { loadRouteFiles } from './loadRouteFiles';
import { EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';
import { withRouteTable } from './withRouteTable';

/**
 * `diff <files…>`: what `push` would do, per route, with every changed path.
 * Invalid files are reported like `validate` does and skipped (exit 1); the valid
 * ones are still compared. A difference alone is not a failure.
 */
export async function diffCommand(files: string[], target: TableTarget, io: RulesIo, deps: Pick<RulesCliDeps, 'openRouteTable'>): Promise<number> {
  const loaded = await loadRouteFiles(files);
  for (const line of loaded.errors) io.stderr.write(`${line}\n`);
  const exitCode = loaded.invalidFiles.length > 0 ? EXIT_FAILED : EXIT_OK;
  if (loaded.valid.length === 0) return exitCode;
  return withRouteTable(target, io, deps, async (admin) => {
    for (const local of loaded.valid) {
      const comparison = await compareWithStored(admin, local);
      const status = comparison.status === 'created' ? 'created' : comparison.status === 'unchanged' ? 'unchanged' : 'changed';
      const note = comparison.status === 'created' ? '  (not in the table yet)' : '';
      io.stdout.write(`${status.padEnd(9)} ${local.routeId}  ${local.file}${note}\n`);
      const lines =
        comparison.status === 'updated' ? describeChanges(comparison.changes)
        : comparison.status === 'replaced' ? [comparison.reason]
        : [];
      for (const line of lines) io.stdout.write(`    ${line}\n`);
    }
    return exitCode;
  });
}
