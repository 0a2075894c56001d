import { StoreUnavailableError } from '../../lib/errors';
import { describeTarget } from './openRouteTable';
import { EXIT_FAILED, type RouteAdmin, type RulesCliDeps, type RulesIo, type TableTarget } from './rulesCliTypes';

/**
 * Opens the table, runs the command, always closes the client (so the process can
 * exit), and turns a store failure into one line with a hint at the usual cause.
 */
export async function withRouteTable(
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
  command: (admin: RouteAdmin) => Promise<number>,
): Promise<number> {
  const table = deps.openRouteTable(target);
  try {
    return await command(table.admin);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    io.stderr.write(`hint: ${hintFor(target)}\n`);
    return EXIT_FAILED;
  } finally {
    table.close();
  }
}

function hintFor(target: TableTarget): string {
  if (target.endpoint) {
    return `is the local DynamoDB running at ${target.endpoint}? \`npm start\` prints its endpoint; the table name is ${target.tableName} (--table).`;
  }
  return `this used your AWS credentials (default chain) on ${describeTarget(target)}; check --table / TABLE_NAME, --region / AWS_REGION and your credentials, or pass --endpoint for a local DynamoDB.`;
}
