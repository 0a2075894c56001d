/**
 * The commands that read or write the route table: push, pull, list and delete.
 * Each runs inside withRouteTable, so a store failure reads the same everywhere.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  type RouteAdmin,
  type RulesCliDeps,
  type RulesIo,
  type TableTarget,
  withoutEditorKeys,
  withRouteTable,
} from './routeTable';

type TableDeps = Pick<RulesCliDeps, 'openRouteTable'>;

/** How `push` stores what changed: live or as the draft, who and why, and how many versions to keep. */
export type PushSettings = { draft: boolean; message?: string; keep: number; pushedBy: string };

/**
 * `push <files…>`: all files must be valid before anything is written, so a typo in
 * one file never leaves the table half updated. Unchanged routes are not rewritten;
 * every changed one becomes the next numbered version, live (or the draft with --draft).
 */
export async function pushCommand(
  files: string[],
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
  settings: PushSettings = { draft: false, keep: 20, pushedBy: 'unknown' },
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
      let version = '';
      if (comparison.status !== 'unchanged') {
        const stored = await pushVersion(admin, local.routeId, withoutEditorKeys(local.document), settings);
        version = `  v${stored.version}${settings.draft ? ' (draft)' : ''}`;
        if (stored.pruned.length > 0) version += `, pruned ${stored.pruned.map((n) => `v${n}`).join(' ')}`;
      }
      const detail =
        comparison.status === 'updated'
          ? `  (${summarizeChanges(comparison.changes)})`
          : comparison.status === 'replaced'
            ? `  (${comparison.reason})`
            : '';
      io.stdout.write(`${comparison.status.padEnd(9)} ${local.routeId}  ${local.file}${version}${detail}\n`);
    }
    return EXIT_OK;
  });
}

/**
 * The next version. A route stored before versions existed first gets its current
 * copy kept as a version, so `rollback` can return to it.
 */
async function pushVersion(admin: RouteAdmin, routeId: string, document: Record<string, unknown>, settings: PushSettings) {
  const pointer = await admin.versions.readPointer(routeId);
  if (pointer && pointer.liveVersion === undefined && pointer.document !== undefined) {
    const before =
      typeof pointer.document === 'string' ? parseStoredText(pointer.document) : { ok: true as const, document: pointer.document };
    if (before.ok) {
      await admin.versions.push(routeId, before.document as Record<string, unknown>, {
        draft: false,
        keep: settings.keep,
        pushedBy: 'unknown (stored before versions)',
      });
    }
  }
  return admin.versions.push(routeId, document, settings);
}

/** `pull <route> [--out file]`: the stored document, pretty; YAML when the out file says so. */
export async function pullCommand(
  routeId: string,
  out: string | undefined,
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
  version?: number,
): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const text = version === undefined ? await admin.getRoute(routeId) : await versionText(admin, routeId, version);
    if (text === undefined) {
      io.stderr.write(`no route ${routeId}${version === undefined ? '' : ` version ${version}`} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    const stored = parseStoredText(text);
    if (!stored.ok) {
      // Still show it: the operator needs to see what is there to fix it.
      io.stderr.write(`warning: ${stored.reason}; showing it as stored\n`);
      return emit(text.endsWith('\n') ? text : `${text}\n`, out, io);
    }
    warnIfInvalid(stored.document, routeId, io);
    const document = { $schema: schemaReference(out), ...stored.document };
    // VS Code's YAML extension finds the schema by this comment line; JSON editors by the key.
    const yaml = () => `# yaml-language-server: $schema=${document.$schema}\n${toYaml(document)}`;
    const pretty = out !== undefined && isYamlFile(out) ? yaml() : `${JSON.stringify(document, null, 2)}\n`;
    return emit(pretty, out, io, routeId);
  });
}

const ROUTE_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/route.schema.json', import.meta.url));

/**
 * The table keeps no `$schema` (it only tells an editor where the schema sits);
 * a pulled copy gets one back, relative to where it is written (the current
 * directory for stdout), so editing it is checked as you type.
 */
function schemaReference(out: string | undefined): string {
  const from = out === undefined ? process.cwd() : dirname(resolve(out));
  const path = relative(from, ROUTE_SCHEMA_FILE).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

async function versionText(admin: RouteAdmin, routeId: string, version: number): Promise<string | undefined> {
  const stored = await admin.versions.getVersion(routeId, version);
  if (stored?.document === undefined) return undefined;
  return typeof stored.document === 'string' ? stored.document : JSON.stringify(stored.document);
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
 * A route closed by `rules close` says so after a tab (`cut -f1` keeps the ids). A stored route that no
 * longer validates (hand-edited, or written before a rule tightened) is marked on stderr with its first problem.
 */
export async function listCommand(target: TableTarget, io: RulesIo, deps: TableDeps, now: Date = new Date()): Promise<number> {
  return withRouteTable(target, io, deps, async (admin, closureAdmin) => {
    const ids = await admin.listRouteIds();
    const closures = await closureAdmin.listClosures();
    const invalid: string[] = [];
    for (const id of ids) {
      const text = await admin.getRoute(id);
      const problem = storedRouteProblem(text, id);
      if (problem) invalid.push(`  ✗ ${id}: ${problem}`);
      const closure = closures.get(id);
      if (!isClosureActive(closure, now)) {
        io.stdout.write(`${id}\n`);
        continue;
      }
      const stored = parseStoredText(text ?? '');
      const timezone = stored.ok && typeof stored.document.timezone === 'string' ? stored.document.timezone : 'UTC';
      io.stdout.write(`${id}\tCLOSED ${describeClosure(closure, timezone)}\n`);
    }
    if (ids.length === 0) io.stderr.write(`no routes in ${describeTarget(target)}\n`);
    if (invalid.length > 0) {
      io.stderr.write(`${invalid.length} of ${ids.length} stored routes no longer validate and are not served as stored:\n`);
      io.stderr.write(`${invalid.join('\n')}\n`);
      io.stderr.write(`fix one with \`npm run rules -- pull <route> --out <file>\`, edit, then \`push\` it\n`);
    }
    return EXIT_OK;
  });
}

/** Why a stored route would not be served as stored, or undefined when it validates. */
function storedRouteProblem(text: string | undefined, routeId: string): string | undefined {
  if (text === undefined) return undefined; // deleted between the scan and the read
  const stored = parseStoredText(text);
  if (!stored.ok) return stored.reason;
  try {
    parseRoute(stored.document, routeId);
    return undefined;
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    const [first, ...more] = error.issues;
    return `${first?.path || '(root)'}: ${first?.message}${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
  }
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
