import { writeFile } from 'node:fs/promises';
import { stringify as toYaml } from 'yaml';
import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import { describeTarget } from './openRouteTable';
import { isYamlFile } from './readRouteFile';
import { EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';
import { parseStoredText } from './storedRouteText';
import { withRouteTable } from './withRouteTable';

/** `pull <route> [--out file]`: the stored document, pretty; YAML when the out file says so. */
export async function pullCommand(
  routeId: string,
  out: string | undefined,
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
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
