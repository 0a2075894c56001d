/**
 * The commands over a route's numbered versions: history, rollback and publish.
 * `push` (tableCommands.ts) stores the versions; these read them and move the live pointer.
 */
import type { RouteVersion } from '../../adapters/dynamodb/dynamoRouteVersions';
import { describeTarget, EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget, withRouteTable } from './routeTable';

type TableDeps = Pick<RulesCliDeps, 'openRouteTable'>;

/** `history <route>`: every stored version, newest first, marking the live one and the draft. */
export async function historyCommand(routeId: string, target: TableTarget, io: RulesIo, deps: TableDeps): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const pointer = await admin.versions.readPointer(routeId);
    if (!pointer) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    const versions = await admin.versions.listVersions(routeId, pointer.latestVersion);
    if (versions.length === 0) {
      io.stdout.write(`${routeId} has no versions yet (stored before versions existed); the next push makes v1\n`);
      return EXIT_OK;
    }
    io.stdout.write(`${'version'.padEnd(8)} ${'state'.padEnd(6)} ${'pushed (UTC)'.padEnd(17)} ${'by'.padEnd(34)} message\n`);
    for (const v of versions) {
      const state = v.version === pointer.liveVersion ? 'live' : v.version === pointer.draft?.version ? 'draft' : '';
      const line = `${`v${v.version}`.padEnd(8)} ${state.padEnd(6)} ${utc(v.pushedAt).padEnd(17)} ${v.pushedBy.padEnd(34)} ${label(v, state)}`;
      io.stdout.write(`${line.trimEnd()}\n`);
    }
    return EXIT_OK;
  });
}

/**
 * `rollback <route> [--to N]`: the version that was live before the current one
 * (a second rollback goes one further back), or version N.
 */
export async function rollbackCommand(
  routeId: string,
  to: number | undefined,
  target: TableTarget,
  io: RulesIo,
  deps: TableDeps,
): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const pointer = await admin.versions.readPointer(routeId);
    if (!pointer) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    const history = pointer.liveHistory;
    const target_ = to ?? history[history.lastIndexOf(pointer.liveVersion ?? -1) - 1];
    if (target_ === undefined) {
      io.stderr.write(
        `${routeId}: no earlier live version to roll back to; \`history ${routeId}\` lists them, \`rollback ${routeId} --to N\` picks one\n`,
      );
      return EXIT_FAILED;
    }
    const { previous } = await admin.versions.makeLive(routeId, target_, 'rollback');
    io.stdout.write(
      `${routeId}: v${target_} is live again${previous === undefined ? '' : ` (was v${previous})`}; calls already in an IVR finish on the version they started on\n`,
    );
    return EXIT_OK;
  });
}

/** `publish <route> <N>`: version N (usually the draft) becomes live. */
export async function publishCommand(routeId: string, version: number, target: TableTarget, io: RulesIo, deps: TableDeps): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const { previous } = await admin.versions.makeLive(routeId, version, 'publish');
    io.stdout.write(
      `${routeId}: v${version} is live${previous === undefined ? '' : ` (was v${previous})`}; calls already in an IVR finish on the version they started on\n`,
    );
    return EXIT_OK;
  });
}

function label(v: RouteVersion, state: string): string {
  // A draft since published still says how it began.
  const kind = v.draft && state !== 'draft' ? '(pushed as draft) ' : '';
  return `${kind}${v.message ? JSON.stringify(v.message) : ''}`.trim();
}

function utc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}
