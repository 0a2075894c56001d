// Where Kazoo's own JSON schemas are: KAZOO_SCHEMAS_DIR, else ../shared/kazoo-schemas beside
// this clone. Plain JavaScript so that jest's globalSetup (not transformed) can use it too.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_KAZOO_SCHEMAS_DIR = resolve(PROJECT_ROOT, '../shared/kazoo-schemas');

/** The configured directory (absolute). */
export function configuredKazooSchemaDirectory() {
  return resolve(PROJECT_ROOT, process.env.KAZOO_SCHEMAS_DIR || DEFAULT_KAZOO_SCHEMAS_DIR);
}

/** The directory when it holds Kazoo's callflow schemas, else undefined. */
export function kazooSchemaDirectory() {
  const dir = configuredKazooSchemaDirectory();
  return existsSync(resolve(dir, 'callflows.action.json')) ? dir : undefined;
}
