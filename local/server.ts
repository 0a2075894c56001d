/**
 * `npm start`: the local Pivot server. Settings come from the environment
 * (PORT, HOST, PIVOT_ROUTE_KEY, PIVOT_CLOCK, PUBLIC_URL, DYNAMODB_PORT) and one flag, --persist.
 */
import { parseArgs } from 'node:util';
import { DataDirInUseError } from './dataDirLock';
import { PortInUseError } from './listenOnPort';
import { CLOCK_ENV, INSTANT_HINT, parseInstant } from './localClock';
import { DEFAULT_PORT, type LocalServer, startLocalServer } from './startLocalServer';
import { MOCK_CRM_PORT } from './mockCrm';
import { startupBanner } from './startupBanner';

const USAGE = `usage: npm start [-- --persist]

  --persist   keep the table on disk under .local-data/ (default: in memory)

environment: PORT (${DEFAULT_PORT}), HOST (127.0.0.1),
             PIVOT_ROUTE_KEY (route tokens derive from it; default a public local key),
             PIVOT_ROUTE_KEY_PREVIOUS (also accepted, to try a key rotation),
             ${CLOCK_ENV} (judge rules at this instant), DYNAMODB_PORT (8000),
             PUBLIC_URL (where Kazoo reaches this server, e.g. a tunnel; default this machine's LAN address),
             ALLOWED_SOURCE_CIDRS (answer only these client addresses, e.g. 192.0.2.10/32; default any)`;

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function portFrom(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${name} must be a port number, got "${text}"`);
  return port;
}

async function main(): Promise<void> {
  let values: { persist?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { persist: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const clockText = process.env[CLOCK_ENV];
  const clockOverride = clockText ? parseInstant(clockText) : undefined;
  if (clockText && !clockOverride) fail(`${CLOCK_ENV} must be ${INSTANT_HINT}, got "${clockText}"`);

  const publicUrl = process.env['PUBLIC_URL'] || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+\/?$/.test(publicUrl))
    fail(`PUBLIC_URL must be an origin like https://abc.example.com, got "${publicUrl}"`);

  let server: LocalServer;
  try {
    server = await startLocalServer({
      port: portFrom('PORT', DEFAULT_PORT),
      host: process.env['HOST'] || undefined,
      persist: values.persist ?? false,
      clockOverride,
      publicUrl: publicUrl?.replace(/\/$/, ''),
      dynamoPort: portFrom('DYNAMODB_PORT', 8000),
      mockCrmPort: portFrom('MOCK_CRM_PORT', MOCK_CRM_PORT),
    });
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof DataDirInUseError) fail(error.message);
    throw error;
  }
  console.log(startupBanner(server, { clockOverride }));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while closing means "now".
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('npm start: could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
