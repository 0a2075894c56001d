/**
 * Writes schemas/route.schema.json, the JSON Schema editors use to check and
 * complete route files (`"$schema": "../schemas/route.schema.json"`).
 * Generated from the zod route schema so the two cannot drift; a test fails
 * when the checked-in file is stale. Run with `npm run schema`.
 *
 * Callflow nodes are checked per module (scripts/moduleDataJsonSchema.ts).
 * Beyond that the JSON Schema is a first line of defence only: what zod checks
 * in code (regex safety, "exactly one of" refinements, goto targets, time
 * zones, URL reachability) is left permissive here. `npm run rules -- validate`
 * is the authority.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { callflowNodeSchema } from '../lib/callflow/callflowNode';
import { conditionsSchema } from '../lib/routes/conditionsSchema';
import { actionSchema, promptSchema, routeSchema, ruleSchema, stepSchema } from '../lib/routes/routeSchema';
import { writeModuleDocs } from './generateModuleDocs';
import { callflowNodeDefs } from './moduleDataJsonSchema';

export const ROUTE_SCHEMA_PATH = fileURLToPath(new URL('../schemas/route.schema.json', import.meta.url));

/** Shared parts get readable `$defs` names instead of being inlined at every use (or named `__schema0`). */
const DEF_NAMES = new Map<z.core.$ZodType, string>([
  [callflowNodeSchema, 'CallflowNode'],
  [actionSchema, 'Action'],
  [promptSchema, 'Prompt'],
  [conditionsSchema, 'Conditions'],
  [ruleSchema, 'Rule'],
  [stepSchema, 'Step'],
]);

/** The global registry (it holds the `.describe()` texts) plus our `$defs` ids. */
class NamedDefsRegistry extends z.core.$ZodRegistry<Record<string, unknown>> {
  override get(schema: z.core.$ZodType): Record<string, unknown> | undefined {
    const meta = z.globalRegistry.get(schema);
    const id = DEF_NAMES.get(schema);
    return id ? { ...meta, id } : meta;
  }
}

/** Meta keys first so a reader sees what a schema is before its details; the rest alphabetical. */
const LEADING_KEYS = ['$schema', '$id', '$ref', 'title', 'description', 'type'];

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const rank = (key: string) => {
    const i = LEADING_KEYS.indexOf(key);
    return i === -1 ? LEADING_KEYS.length : i;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** The route JSON Schema, as the pretty JSON text (with final newline) that belongs in the file. */
export function generateRouteSchemaText(): string {
  const generated = z.toJSONSchema(routeSchema, {
    io: 'input', // what an operator writes: defaulted fields stay optional
    target: 'draft-2020-12',
    unrepresentable: 'any',
    cycles: 'ref', // callflow children nest callflow nodes
    metadata: new NamedDefsRegistry(),
  });
  const schema = {
    ...generated,
    $defs: { ...generated.$defs, ...callflowNodeDefs() },
    title: 'Kazoo Pivot route',
    description:
      'One routing document, stored per route id in the pivot DynamoDB table. ' +
      'Generated from lib/routes/routeSchema.ts by `npm run schema`; `npm run rules -- validate` checks more than this schema does.',
  };
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}

function main(): void {
  writeFileSync(ROUTE_SCHEMA_PATH, generateRouteSchemaText());
  process.stdout.write(`wrote ${ROUTE_SCHEMA_PATH}\n`);
  // The module reference is generated from the same models: one command keeps both current.
  writeModuleDocs();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
