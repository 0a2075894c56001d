import { RouteValidationError } from '../../lib/errors';
import { parseRoute } from '../../lib/routes/parseRoute';
import type { Route } from '../../lib/routes/routeSchema';
import { describeIssue } from './describeIssue';
import { readRouteFile } from './readRouteFile';

/** A route file that passed validation: the document as written, and what it parses to. */
export type LocalRoute = { file: string; routeId: string; document: Record<string, unknown>; route: Route };

/** One file's verdict; `errors` has one line per problem, each naming the file (and route, rule, field when known). */
export type RouteFileResult = { ok: true; file: string; local: LocalRoute } | { ok: false; file: string; errors: string[] };

export type LoadedRouteFiles = { results: RouteFileResult[]; valid: LocalRoute[]; errors: string[]; invalidFiles: string[] };

/** Reads and validates every file, in order, collecting every problem rather than stopping at the first. */
export async function loadRouteFiles(files: string[]): Promise<LoadedRouteFiles> {
  const results: RouteFileResult[] = [];
  for (const file of files) results.push(await loadRouteFile(file));
  return {
    results,
    valid: results.flatMap((r) => (r.ok ? [r.local] : [])),
    errors: results.flatMap((r) => (r.ok ? [] : r.errors)),
    invalidFiles: results.flatMap((r) => (r.ok ? [] : [r.file])),
  };
}

async function loadRouteFile(file: string): Promise<RouteFileResult> {
  const read = await readRouteFile(file);
  if (!read.ok) return { ok: false, file, errors: [`${file}: ${read.error}`] };
  try {
    const route = parseRoute(read.document);
    return { ok: true, file, local: { file, routeId: route.id, document: read.document as Record<string, unknown>, route } };
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    return { ok: false, file, errors: error.issues.map((issue) => describeIssue(file, error.routeId, issue, read.document)) };
  }
}

/** Two files claiming one route id would overwrite each other in the table. */
export function findDuplicateRoutes(routes: LocalRoute[]): string[] {
  const filesById = new Map<string, string[]>();
  for (const { routeId, file } of routes) filesById.set(routeId, [...(filesById.get(routeId) ?? []), file]);
  return [...filesById]
    .filter(([, files]) => files.length > 1)
    .map(([routeId, files]) => `route ${routeId} is defined by more than one file: ${files.join(', ')}`);
}
