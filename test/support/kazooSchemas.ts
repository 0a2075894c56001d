/**
 * Kazoo's own callflow schemas (../shared/kazoo-schemas, draft-04) as an
 * independent referee for tests: what Kazoo's pivot checks before it runs a
 * returned callflow. Never used at runtime.
 *
 * A plain validator only covers `callflows.action`; Kazoo's extra
 * `kazoo-validation` step also requires a `callflows.<module>` schema for
 * every node's module and validates the node's `data` against it. That step
 * is reproduced here, over every child. (Its URL checks on voice_url & co. are
 * not: they are runtime policy, not schema.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import { kazooSchemaDirectory } from './kazooSchemaDirectory.js';

// Kazoo's files are not part of this repository (MPL-2.0, 90 files): they are read from
// KAZOO_SCHEMAS_DIR, or ../shared/kazoo-schemas beside the clone. Without them the
// conformance checks are skipped (globalSetup prints one line saying so); CI requires them.
const SCHEMA_DIR = kazooSchemaDirectory();

// A URI per RFC 3986: a scheme, a colon, and no whitespace. jesse checks `format: uri` too.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/;

function loadKazooSchemas(dir: string): { ajv: Ajv; ids: Set<string> } {
  // No useDefaults / coercion / removeAdditional: validation must never mutate the node under test.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  ajv.addFormat('uri', ABSOLUTE_URI);
  // Recipient ids (missed_call_alert, notification): left unchecked here; our model
  // demands an address shape, a documented strictness (see kazooAgreement.test.ts).
  ajv.addFormat('email', true);
  const ids = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { _id?: string };
    // Kazoo names schemas by `_id` and `$ref`s them by that bare id.
    const id = schema._id ?? file.replace(/\.json$/, '');
    ajv.addSchema(schema, id);
    ids.add(id);
  }
  return { ajv, ids };
}

const loaded = SCHEMA_DIR ? loadKazooSchemas(SCHEMA_DIR) : undefined;

/** True when Kazoo's schemas were found: the conformance checks run. */
export const kazooSchemasPresent = loaded !== undefined;

/** `describe` where Kazoo's schemas are present, `describe.skip` (reported as skipped) where they are not. */
export const describeWithKazooSchemas = kazooSchemasPresent ? describe : describe.skip;
/** `it` where Kazoo's schemas are present, `it.skip` where they are not. */
export const itWithKazooSchemas = kazooSchemasPresent ? it : it.skip;

function schemas(): { ajv: Ajv; ids: Set<string> } {
  // A conformance check outside describeWithKazooSchemas/itWithKazooSchemas would silently pass
  // without the schemas; failing loudly keeps every such check honest in a plain clone.
  if (!loaded) throw new Error('Kazoo schemas are absent: guard this check with itWithKazooSchemas');
  return loaded;
}
const compiled = new Map<string, ValidateFunction>();

function validatorFor(id: string): ValidateFunction {
  let validate = compiled.get(id);
  if (!validate) {
    validate = schemas().ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} did not compile`);
    compiled.set(id, validate);
  }
  return validate;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined, base: string): string[] {
  return (errors ?? []).map((error) => {
    // instancePath is a JSON Pointer ("/endpoints/0/id"); print it as "endpoints.0.id".
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const path = [base, ...segments].filter((segment) => segment !== '').join('.');
    const params = Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
    return `${path || '(root)'}: ${error.message ?? error.keyword}${params}`;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `callflows.action` reaches children through `patternProperties: { ".+": ... }`;
// a key that pattern does not match is never validated, so it is skipped here too.
const CHILD_KEY = /.+/u;

function moduleDataErrors(node: unknown, path: string, errors: string[]): void {
  if (!isObject(node)) return;
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (typeof node.module === 'string') {
    const id = `callflows.${node.module}`;
    if (!schemas().ids.has(id)) {
      errors.push(`${at('module')}: no schema ${id}.json, Kazoo refuses module "${node.module}"`);
    } else if (!validatorFor(id)(node.data)) {
      errors.push(...describeErrors(validatorFor(id).errors, at('data')));
    }
  }
  if (!isObject(node.children)) return;
  for (const [key, child] of Object.entries(node.children)) {
    if (CHILD_KEY.test(key)) moduleDataErrors(child, at(`children.${key}`), errors);
  }
}

/** Whether Kazoo ships a schema with this id (e.g. `callflows.tts`), i.e. knows that module. */
export function hasKazooSchema(id: string): boolean {
  return schemas().ids.has(id);
}

/**
 * The modules Kazoo defines a `callflows.<module>` schema for: every such id
 * except the node schema itself (`action`), the callflow document (`callflows`)
 * and the item schemas audio_macro refers to (`audio_macro.tone`…).
 */
export function kazooModuleNames(): string[] {
  return [...schemas().ids]
    .filter((id) => id.startsWith('callflows.') && id !== 'callflows.action' && !id.slice('callflows.'.length).includes('.'))
    .map((id) => id.slice('callflows.'.length))
    .sort();
}

/** The top-level `data` fields Kazoo's schema for a module lists (its `properties`). */
export function kazooModuleFields(module: string): string[] {
  const schema = schemas().ajv.getSchema(`callflows.${module}`)?.schema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {});
}

/** Every reason Kazoo's schemas would refuse `node` as a pivot answer; empty when it would run it. */
export function kazooCallflowErrors(node: unknown): string[] {
  const errors: string[] = [];
  const validateAction = validatorFor('callflows.action');
  if (!validateAction(node)) errors.push(...describeErrors(validateAction.errors, ''));
  moduleDataErrors(node, '', errors);
  return errors;
}

/** Where the schemas are present: Kazoo refuses the node (with that many problems, when given). */
export function expectKazooRefuses(node: unknown, problems?: number): void {
  if (!kazooSchemasPresent) return;
  const errors = kazooCallflowErrors(node);
  if (problems === undefined) expect(errors.length).toBeGreaterThan(0);
  else expect(errors).toHaveLength(problems);
}

/**
 * Inside a test about something else (a handler, a rule): Kazoo's verdict on the answer when the
 * schemas are present; nothing when they are absent (that test's own assertions still run).
 */
export function expectKazooValid(node: unknown): void {
  if (kazooSchemasPresent) expect(kazooCallflowErrors(node)).toEqual([]);
}

/** Every reason Kazoo's schema `id` (e.g. `temporal_rules`) would refuse `document`; empty when it accepts it. */
export function kazooDocumentErrors(id: string, document: unknown): string[] {
  const validate = validatorFor(id);
  return validate(document) ? [] : describeErrors(validate.errors, '');
}
