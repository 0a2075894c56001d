import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoRouteAdmin } from '../adapters/dynamodb';
import type { CallflowPolicy } from '../lib/callflow/validateCallflow';
import { parseJsonText } from '../lib/routes/jsonSyntaxError';
import { parseRoute } from '../lib/routes/parseRoute';
import { loadPatternEngineFor } from '../lib/routes/safePattern';

export type LoadedExamples = {
  /** Route ids written now, in file order. */
  loaded: string[];
  /** Route ids already stored and left alone (persisted data wins over the examples). */
  kept: string[];
  skipped: { file: string; reason: string }[];
  /** Every route id in the table once loaded: with a persisted table, routes pushed earlier too. */
  stored: string[];
};

/**
 * Stores every `*.json` route of `dir` as the rules CLI would (validated, a
 * numbered live version). With `keepExisting`, a route already in the table is not
 * overwritten: on a persisted table it may be the developer's own edit.
 */
export async function loadExampleRoutes(
  admin: DynamoRouteAdmin,
  dir: string,
  options: { keepExisting: boolean; callflowPolicy?: CallflowPolicy; rewrite?: (text: string) => string },
): Promise<LoadedExamples> {
  const result: LoadedExamples = { loaded: [], kept: [], skipped: [], stored: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const text = (options.rewrite ?? ((t: string) => t))(readFileSync(join(dir, file), 'utf8'));
    let id: string;
    let document: Record<string, unknown>;
    try {
      const parsed = parseJsonText(text);
      if (!parsed.ok) throw new Error(`not valid JSON at ${parsed.error}`);
      document = parsed.value as Record<string, unknown>;
      await loadPatternEngineFor(document);
      id = parseRoute(document, undefined, options.callflowPolicy).id;
    } catch (error) {
      // One broken example must not keep the others from being served.
      result.skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (options.keepExisting && (await admin.getRoute(id)) !== undefined) {
      result.kept.push(id);
      continue;
    }
    // As `rules push` stores it: version 1, live, a map the DynamoDB console shows as a tree.
    const { $schema: _editorOnly, ...stored } = document;
    await admin.versions.push(id, stored, { draft: false, keep: 20, pushedBy: 'npm start (examples/)' });
    result.loaded.push(id);
  }
  result.stored = await admin.listRouteIds();
  return result;
}
