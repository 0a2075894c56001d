import { describeTarget } from './openRouteTable';
import { EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';
import { withRouteTable } from './withRouteTable';

/** `delete <route> --yes`: the route stops being served (within the 30 s route cache), hence the explicit --yes. */
export async function deleteCommand(
  routeId: string,
  confirmed: boolean,
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
): Promise<number> {
  if (!confirmed) {
    io.stderr.write(
      `refusing to delete route ${routeId} from ${describeTarget(target)} without --yes ` +
        `(calls to /pivot/${routeId} stop being served); run \`npm run rules -- pull ${routeId} --out ${routeId}.json\` first to keep a copy\n`,
    );
    return EXIT_FAILED;
  }
  return withRouteTable(target, io, deps, async (admin) => {
    if (!(await admin.deleteRoute(routeId))) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    io.stdout.write(`deleted ${routeId} from ${describeTarget(target)}\n`);
    return EXIT_OK;
  });
}
