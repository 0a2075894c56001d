// Starts one in-process dynalite (a real DynamoDB API, in memory) for the whole run.
// Workers inherit process.env, so every test file finds it through DYNAMODB_ENDPOINT.
import dynalite from 'dynalite';
import { configuredKazooSchemaDirectory, kazooSchemaDirectory } from './kazooSchemaDirectory.js';

export default async function globalSetup() {
  announceKazooSchemas();
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  globalThis.__DYNALITE__ = server;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${port}`;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
  // The SDK warns once per module registry (so once per test file) that its 2027 releases
  // need Node 22; the README states the supported versions, the test output need not repeat it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/** One line when the Kazoo conformance checks cannot run; a failure where they must (CI). */
function announceKazooSchemas() {
  if (kazooSchemaDirectory()) return;
  const dir = configuredKazooSchemaDirectory();
  if (process.env.KAZOO_SCHEMAS_REQUIRED === 'true') {
    throw new Error(`KAZOO_SCHEMAS_REQUIRED is set but Kazoo's schemas are not in ${dir}`);
  }
  process.stdout.write(
    `\nKazoo schema conformance checks skipped: no Kazoo schemas in ${dir}. ` +
      'Set KAZOO_SCHEMAS_DIR to a copy of kazoo/applications/crossbar/priv/couchdb/schemas to run them.\n\n',
  );
}
