import type { DynamoRouteAdmin } from '../../adapters/dynamodb';

/** Where a command writes; tests pass collectors, the CLI passes process.stdout / stderr. */
export type Output = { write(text: string): unknown };
export type RulesIo = { stdout: Output; stderr: Output };

/** The table a command talks to, as the operator chose it (flags, else env, else defaults). */
export type TableTarget = { tableName: string; region: string; endpoint?: string };

/** What the commands need from the store: the admin side of the route table. */
export type RouteAdmin = Pick<DynamoRouteAdmin, 'putRoute' | 'getRoute' | 'deleteRoute' | 'listRouteIds'>;
export type OpenedRouteTable = { admin: RouteAdmin; close(): void };

export type RulesCliDeps = {
  env: Record<string, string | undefined>;
  openRouteTable(target: TableTarget): OpenedRouteTable;
};

export const EXIT_OK = 0;
/** Invalid input, a missing route, or a store failure. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;
