import type { Server } from 'node:net';

/** A port someone else holds: the one failure a user can fix by choosing another port. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly what: string,
    readonly port: number,
    readonly envName: string,
  ) {
    super(`port ${port} is already in use (${what}): stop whatever holds it, or pick another port with ${envName}=<port>`);
  }
}

/** Listens and resolves with the bound port (useful with port 0); EADDRINUSE becomes a PortInUseError. */
export function listenOnPort(server: Server, port: number, host: string | undefined, what: string, envName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port, envName) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    if (host === undefined) server.listen(port);
    else server.listen(port, host);
  });
}

/** Closes a server without waiting for idle keep-alive sockets, which would otherwise hold it open for seconds. */
export function closeServer(server: Server & { closeIdleConnections?: () => void; closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections?.();
    // A request still running after a second is cut off: this is a developer's Ctrl-C.
    setTimeout(() => server.closeAllConnections?.(), 1000).unref();
  });
}
