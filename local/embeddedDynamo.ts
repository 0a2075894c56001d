import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { closeServer, listenOnPort } from './listenOnPort';

type DynaliteOptions = { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };

// dynalite ships no types; a local require keeps its one signature here rather than in a global declaration.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: DynaliteOptions) => Server;

export type EmbeddedDynamo = { endpoint: string; close(): Promise<void> };

/**
 * dynalite in this process: a real DynamoDB API on a local port, in memory, or
 * in LevelDB files under `path` when the data should survive a restart. It only
 * listens on the loopback interface: nothing outside this machine needs it.
 */
export async function startEmbeddedDynamo(options: { port?: number; path?: string } = {}): Promise<EmbeddedDynamo> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listenOnPort(server, options.port ?? 0, '127.0.0.1', 'embedded DynamoDB', 'DYNAMODB_PORT');
  return { endpoint: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}
