import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type DynaliteServer = { endpoint: string; close: () => Promise<void> };

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

/**
 * An in-process dynalite on a loopback port, as the tests and `npm start` run it.
 * Imported through a string-typed specifier: dynalite ships no types, and an ambient
 * `declare module 'dynalite'` here could clash with one another folder adds.
 */
export async function startDynalite(): Promise<DynaliteServer> {
  const specifier: string = 'dynalite';
  const { default: dynalite } = (await import(specifier)) as { default: DynaliteFactory };
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
