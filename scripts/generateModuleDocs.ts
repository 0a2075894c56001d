/**
 * Writes docs/modules.md, the callflow module reference, from the models
 * (lib/callflow/modules: fields, types, defaults, limits) and the module guide
 * (lib/callflow/guide: what each does, what it needs, an example). Run by
 * `npm run schema`; a test fails when the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { callingModules } from '../lib/callflow/guide/callingModules';
import { flowModules } from '../lib/callflow/guide/flowModules';
import { mediaModules } from '../lib/callflow/guide/mediaModules';
import type { ModuleGuide } from '../lib/callflow/guide/moduleGuide';
import { moduleDataSchemas, type CallflowModule } from '../lib/callflow/moduleDataSchemas';

export const MODULE_DOCS_PATH = fileURLToPath(new URL('../docs/modules.md', import.meta.url));

type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
};

const SECTIONS: [string, Record<string, ModuleGuide>][] = [
  ['Ringing people, queues and call handling', callingModules],
  ['Sound, digits, faxes and notifications', mediaModules],
  ['Call control, caller ID and branching', flowModules],
];

/** Nested objects are listed field by field this deep; deeper ones are named only. */
const MAX_DEPTH = 2;

function dataJsonSchema(module: CallflowModule): JsonSchema {
  return z.toJSONSchema(moduleDataSchemas[module], { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return code(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(code).join(', ')}`;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const discriminator = alternatives && discriminatorOf(alternatives);
  if (alternatives && discriminator) {
    const kinds = alternatives.map((alternative) => code(alternative.properties![discriminator]!.const));
    return `object whose \`${discriminator}\` is ${kinds.join(', ')}`;
  }
  if (alternatives) return alternatives.map(typeOf).join(' or ');
  if (schema.type === 'array') return schema.items ? `list of ${typeOf(schema.items)}` : 'list';
  if (schema.type === 'object') return schema.properties ? 'object' : 'object (any keys)';
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return typeof schema.type === 'string' ? schema.type : 'any';
}

/** The property every alternative fixes with a `const` (audio_macro's `macro`), if there is one. */
function discriminatorOf(alternatives: JsonSchema[]): string | undefined {
  const first = alternatives[0]?.properties ?? {};
  return Object.keys(first).find((key) => alternatives.every((alternative) => alternative.properties?.[key]?.const !== undefined));
}

function limitsOf(schema: JsonSchema): string {
  const limits: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && min === max) limits.push(`exactly ${min}${unit}`);
    else if (min !== undefined && max !== undefined) limits.push(`${min}–${max}${unit}`);
    else if (min !== undefined) limits.push(`≥ ${min}${unit}`);
    else if (max !== undefined) limits.push(`≤ ${max}${unit}`);
  };
  range(schema.minimum, schema.maximum, '');
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  if (schema.uniqueItems) limits.push('no repeats');
  if (typeof schema.pattern === 'string') limits.push(`matches \`${schema.pattern}\``);
  return limits.join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fieldRows(schema: JsonSchema, prefix: string, depth: number, notes: Record<string, string> = {}): string[] {
  const rows: string[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    if (name === 'skip_module' && depth === 0) continue;
    const path = `${prefix}${name}`;
    const defaultValue = field.default === undefined ? '' : code(field.default);
    const description = typeof field.description === 'string' ? field.description : (notes[name] ?? '');
    const limits = limitsOf(field);
    rows.push(
      `| \`${path}\`${required.has(name) ? ' (required)' : ''} | ${cell(typeOf(field))} | ${defaultValue} | ${cell(limits)} | ${cell(description)} |`,
    );
    if (depth + 1 >= MAX_DEPTH) continue;
    if (field.type === 'object' && field.properties) rows.push(...fieldRows(field, `${path}.`, depth + 1));
    if (field.type === 'array' && field.items?.type === 'object' && field.items.properties) {
      rows.push(...fieldRows(field.items, `${path}[].`, depth + 1));
    }
  }
  return rows;
}

function moduleSection(module: CallflowModule, guide: ModuleGuide): string[] {
  const rows = fieldRows(dataJsonSchema(module), '', 0, guide.fields);
  const example = JSON.stringify({ module, data: guide.example }, null, 2);
  return [
    `### \`${module}\``,
    '',
    guide.does,
    ...(guide.needs ? ['', `**Needs:** ${guide.needs}.`] : []),
    ...(guide.children ? ['', `**Branches (children):** ${guide.children}.`] : []),
    '',
    ...(rows.length === 0
      ? ['No fields of its own.']
      : ['| Field | Type | Default | Limits | Notes |', '| --- | --- | --- | --- | --- |', ...rows]),
    '',
    '```json',
    example,
    '```',
    '',
  ];
}

/** The whole reference, as the Markdown text (with final newline) that belongs in docs/modules.md. */
export function generateModuleDocsText(): string {
  const lines = [
    '# Callflow modules',
    '',
    '<!-- Generated by `npm run schema` from lib/callflow/modules and lib/callflow/guide: do not edit by hand. -->',
    '',
    "Every callflow module Kazoo defines a schema for (`callflows.<module>.json`), as a route's `then`, an IVR",
    'option, `onFailure` or `fallback` may use it: `{ "module": "…", "data": { … }, "children": { "_": … } }`.',
    "`npm run rules -- validate` checks each node's `data` against the module's model, and so does your editor",
    'through `schemas/route.schema.json`. Defaults are what Kazoo assumes when a field is left out; nothing is filled',
    'in for you. Every module also takes `skip_module: true`, which skips the node and goes on to its `_` child.',
    '',
    '**Needs** names what must exist in the Kazoo account for the node to work (a device, a queue, a user…):',
    'the route is checked on its own, so a node pointing at a missing object passes validation and fails on the call.',
    '',
    '`offnet` is accepted as Kazoo runs it: `resources` with the system carriers. Words Kazoo users reach for that are',
    'not modules (`queue`, `ivr`, `say`…), and Kazoo modules that have no schema and so cannot be answered by a pivot',
    '(`log_in_out_ring_group`, `customer_defined_notification`…), are refused with the module that does that job',
    '("did you mean").',
    '',
  ];
  for (const [title, guides] of SECTIONS) {
    lines.push(
      `## ${title}`,
      '',
      Object.keys(guides)
        .map((module) => `[\`${module}\`](#${module})`)
        .join(' · '),
      '',
    );
    for (const [module, guide] of Object.entries(guides)) lines.push(...moduleSection(module as CallflowModule, guide));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function writeModuleDocs(): void {
  writeFileSync(MODULE_DOCS_PATH, generateModuleDocsText());
  process.stdout.write(`wrote ${MODULE_DOCS_PATH}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeModuleDocs();
