import { describeTarget } from './openRouteTable';
import { EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';
import { withRouteTable } from './withRouteTable';

/** `list`: route ids, one a line, sorted; nothing on stdout for an empty table, so scripts can loop over it. */
export async function listCommand(target: TableTarget, io: RulesIo, deps: Pick<RulesCliDeps, 'openRouteTable'>): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const ids = await admin.listRouteIds();
    for (const id of ids) io.stdout.write(`${id}\n`);
    if (ids.length === 0) io.stderr.write(`no routes in ${describeTarget(target)}\n`);
    return EXIT_OK;
  });
}
