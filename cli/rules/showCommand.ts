/**
 * `show <route>`: who answers when, as text: the live version's week as a table
 * in the route's zone, the callers its rules single out, the coming exceptions,
 * and the IVR as a tree.
 */
import { RouteValidationError } from '../../lib/errors';
import type { Route } from '../../lib/routes/routeSchema';
import { parseStoredRoute } from '../../lib/routes/storedRoute';
import { describeRoute } from '../../lib/showRoute/describeRoute';
import { describeTarget, EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget, withRouteTable } from './routeTable';

export async function showCommand(
  routeId: string,
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
  now: Date,
  draft = false,
): Promise<number> {
  return withRouteTable(target, io, deps, async (admin) => {
    const pointer = await admin.versions.readPointer(routeId);
    if (pointer?.document === undefined) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    if (draft && !pointer.draft) {
      io.stderr.write(`route ${routeId} has no draft (push one with --draft)\n`);
      return EXIT_FAILED;
    }
    const shown = draft ? pointer.draft! : { document: pointer.document, version: pointer.liveVersion };
    let route: Route;
    try {
      route = parseStoredRoute(shown.document, routeId);
    } catch (error) {
      if (!(error instanceof RouteValidationError)) throw error;
      io.stderr.write(`the stored route is invalid: ${error.message}\n`);
      return EXIT_FAILED;
    }
    for (const line of describeRoute(route, now, shown.version, draft ? 'draft' : 'live')) io.stdout.write(`${line}\n`);
    return EXIT_OK;
  });
}
