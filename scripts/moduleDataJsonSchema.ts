/**
 * The part of the editor schema that knows callflow modules: `module` is one
 * of the modelled names (so editors complete it) and `data` is checked against
 * that module's model (so they flag a wrong or misspelt field and complete
 * field names). Built from the same zod models the handlers validate with.
 *
 * Two deliberate differences from the models: a key no model lists is flagged
 * (Kazoo would ignore it, but in a hand-written route it is nearly always a
 * typo; only `name`, the label Kazoo's own UI writes into data, is let be),
 * and a string holding a {{placeholder}} is let through wherever a string
 * with a pattern or length is expected (it is judged at call time, once
 * substituted, as `rules validate` does).
 */
import * as z from 'zod';
import { moduleDataSchemas } from '../lib/callflow/moduleDataSchemas';
import { moduleGuide, type ModuleGuide } from '../lib/callflow/guide/moduleGuide';

type JsonSchema = Record<string, unknown>;

const PLACEHOLDER_STRING = { type: 'string', pattern: '\\{\\{', description: 'A {{placeholder}}, checked once substituted' };
const UI_LABEL = { type: 'string', description: "A label, as Kazoo's UI writes one; Kazoo ignores it" };
// Not `enum`: a placeholder in a choice is rare, and a plain enum completes and explains better.
const STRING_CONSTRAINTS = ['pattern', 'minLength', 'maxLength', 'format'];

export function moduleDataDefName(module: string): string {
  return `ModuleData.${module}`;
}

/** One module's `data` as JSON Schema, with the two editor-only adjustments. */
export function moduleDataJsonSchema(module: keyof typeof moduleDataSchemas): JsonSchema {
  const { $schema: _, ...generated } = z.toJSONSchema(moduleDataSchemas[module], {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  const guide: ModuleGuide = moduleGuide[module];
  const description = guide.needs ? `${guide.does} Needs ${guide.needs}.` : guide.does;
  const checked = forEditor(generated) as JsonSchema;
  const properties: JsonSchema = { name: UI_LABEL, ...(checked.properties as JsonSchema) };
  for (const [field, note] of Object.entries(guide.fields ?? {})) {
    const property = properties[field] as JsonSchema | undefined;
    if (property && property.description === undefined) properties[field] = { description: note, ...property };
  }
  return { ...checked, properties, description, examples: [guide.example] };
}

function forEditor(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forEditor);
  if (value === null || typeof value !== 'object') return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, forEditor(child)])) as JsonSchema;
  // A looseObject with listed fields: anything else is a typo in an editor.
  if (schema.properties && isEmptyObject(schema.additionalProperties)) schema.additionalProperties = false;
  if (schema.type === 'string' && STRING_CONSTRAINTS.some((key) => key in schema)) {
    const { description, default: fallback, ...rest } = schema;
    return {
      ...(description ? { description } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
      anyOf: [rest, PLACEHOLDER_STRING],
    };
  }
  return schema;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * `CallflowNode` and one `$defs` entry per module: `module` is an enum, and
 * an if/then per module points `data` at that module's definition.
 */
export function callflowNodeDefs(): Record<string, JsonSchema> {
  const modules = Object.keys(moduleDataSchemas).sort() as (keyof typeof moduleDataSchemas)[];
  const defs: Record<string, JsonSchema> = {};
  for (const module of modules) defs[moduleDataDefName(module)] = moduleDataJsonSchema(module);
  defs.CallflowNode = {
    type: 'object',
    description: 'A Kazoo callflow node: docs/modules.md lists every module, its fields and an example.',
    properties: {
      module: { type: 'string', enum: modules, description: 'The Kazoo callflow module to run' },
      data: { type: 'object', description: "The module's options" },
      children: {
        type: 'object',
        description: 'Branches: `_` is the default one; others are named by the module (menu keys, rule ids…)',
        additionalProperties: { $ref: '#/$defs/CallflowNode' },
        propertyNames: { type: 'string', minLength: 1 },
      },
    },
    required: ['module', 'data'],
    additionalProperties: false,
    allOf: modules.map((module) => ({
      if: { properties: { module: { const: module } }, required: ['module'] },
      then: { properties: { data: { $ref: `#/$defs/${moduleDataDefName(module)}` } } },
    })),
  };
  return defs;
}
