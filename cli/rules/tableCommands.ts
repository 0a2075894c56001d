/**
 * The commands that read or write the route table: push, pull, list and delete.
 * Each runs inside withRouteTable, so a store failure reads the same everywhere.
 */
import { writeFile } from 'node:fs/promises';
import { stringify as toYaml } from 'yaml';
import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import { compareWithStored, summarizeChanges } from './diffRoutes';
import { describeClosure } from './closureCommands';
import { isClosureActive } from '../../lib/closures/emergencyClosure';
import { findDuplicateRoutes, isYamlFile, loadRouteFiles, type WarningPolicy } from './routeFiles';
import {
  describeTarget,
  EXIT_FAILED,
  EXIT_OK,
  parseStoredText,
  type RulesCliDeps,
  type RulesIo,
  type TableTarget,
  toStoredText,
  withRouteTable,
} from './routeTable';

type TableDeps = Pick<RulesCliDeps, 'openRouteTable'>;

/**
 * `push <files…>`: all files must be valid before anything is written, so a typo in
 * one file never leaves the table half updated. Unchanged routes are not rewritten.
 */
export async function pushCommand(
  files: string[],
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
  policy: WarningPolicy = {},
): Promise<number> {
  const loaded = await loadRouteFiles(files, policy);
  for (const line of loaded.valid.flatMap((local) => local.warnings)) io.stderr.write(`warning: ${line}\n`);
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
        comparison.status === 'updated'
          ? `  (${summarizeChanges(comparison.changes)})`
          : comparison.status === 'replaced'
            ? `  (${comparison.reason})`
            : '';
      io.stdout.write(`${comparison.status.padEnd(9)} ${local.routeId}  ${local.file}${detail}\n`);
    }
    return EXIT_OK;
  });
}

/** `pull <route> [--out file]`: the stored document, pretty; YAML when the out file says so. */
export async function pullCommand(
  routeId: string,
  out: string | undefined,
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const text = await admin.getRoute(routeId);
    if (text === undefined) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    const stored = parseStoredText(text);
    if (!stored.ok) {
      // Still show it: the operator needs to see what is there to fix it.
      io.stderr.write(`warning: ${stored.reason}; showing it as stored\n`);
      return emit(text.endsWith('\n') ? text : `${text}\n`, out, io);
    }
    warnIfInvalid(stored.document, routeId, io);
    const pretty = out !== undefined && isYamlFile(out) ? toYaml(stored.document) : `${JSON.stringify(stored.document, null, 2)}\n`;
    return emit(pretty, out, io, routeId);
  });
}

async function emit(text: string, out: string | undefined, io: RulesIo, routeId?: string): Promise<number> {
  if (out === undefined) {
    io.stdout.write(text);
    return EXIT_OK;
  }
  await writeFile(out, text);
  io.stdout.write(`pulled ${routeId ?? 'route'} into ${out}\n`);
  return EXIT_OK;
}

/** The live path treats an invalid stored route as missing; say so before someone edits the pulled copy. */
function warnIfInvalid(document: Record<string, unknown>, routeId: string, io: RulesIo): void {
  try {
    parseRoute(document, routeId);
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    io.stderr.write(`warning: the stored route is invalid and is not served (${error.message})\n`);
  }
}

/**
 * `list`: route ids, one a line, sorted; nothing on stdout for an empty table, so scripts can loop over it.
 * A route closed by `rules close` says so after a tab (`cut -f1` keeps the ids).
 */
export async function listCommand(target: TableTarget, io: RulesIo, deps: TableDeps, now: Date = new Date()): Promise<number> {
  return withRouteTable(target, io, deps, async (admin, closureAdmin) => {
    const ids = await admin.listRouteIds();
    const closures = await closureAdmin.listClosures();
    for (const id of ids) {
      const closure = closures.get(id);
      if (!isClosureActive(closure, now)) {
        io.stdout.write(`${id}\n`);
        continue;
      }
      const stored = parseStoredText((await admin.getRoute(id)) ?? '');
      const timezone = stored.ok && typeof stored.document.timezone === 'string' ? stored.document.timezone : 'UTC';
      io.stdout.write(`${id}\tCLOSED ${describeClosure(closure, timezone)}\n`);
    }
    if (ids.length === 0) io.stderr.write(`no routes in ${describeTarget(target)}\n`);
    return EXIT_OK;
  });
}

/** `delete <route> --yes`: the route stops being served (within the 30 s route cache), hence the explicit --yes. */
export async function deleteCommand(
  routeId: string,
  confirmed: boolean,
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
): Promise<number> {
  if (!confirmed) {
    io.stderr.write(
      `refusing to delete route ${routeId} from ${describeTarget(target)} without --yes ` +
        `(calls to /pivot/${routeId} stop being served); run \`npm run rules -- pull ${routeId} --out ${routeId}.json\` first to keep a copy\n`,
    );
    return EXIT_FAILED;
  }
  return withRouteTable(target, io, deps, async (admin, closures) => {
    // An emergency closure outlives nothing it closed.
    await closures.deleteClosure(routeId);
    if (!(await admin.deleteRoute(routeId))) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    io.stdout.write(`deleted ${routeId} from ${describeTarget(target)}\n`);
    return EXIT_OK;
  });
}
