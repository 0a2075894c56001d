/**
 * Child process of the HTTP throughput benchmark: one server per process, apart
 * from the load generator (the parent), so each side has a core of the two.
 * - `local <route key> [instant]`: `npm start`'s server as its own code builds it
 *   (embedded dynalite, example routes, the deployed handlers), on a free loopback
 *   port, rules judged at a fixed business-hours instant so every answer is the same.
 * - `bare <json>`: the baseline, a bare node:http server that answers every
 *   request with the body and headers the local server gave for the same request,
 *   after reading the request to its end like any server must.
 * Either reports its port over IPC, then answers the parent's control messages.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'local') await serveLocal(args[0]!, args[1]);
else if (mode === 'bare') serveBare(args[0]!);
else throw new Error(`unknown server "${mode}": expected local or bare`);

async function serveLocal(routeKey: string, instant = '2026-11-24T17:00:00Z'): Promise<void> {
  // Imported here so the bare baseline's process never loads the local server's code.
  const { startLocalServer } = await import('../local/startLocalServer');
  const server = await startLocalServer({
    port: 0,
    host: '127.0.0.1',
    dynamoPort: 0,
    routeKeys: { current: routeKey },
    clockOverride: new Date(instant),
  });
  process.send!({ port: server.port });
  answerServerControl(() => server.close());
}

function serveBare(answer: string): void {
  const { body, headers } = JSON.parse(answer) as { body: string; headers: Record<string, string> };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
  answerServerControl(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
}

/**
 * The parent's side channel to a server child (IPC): `cpu` asks for the CPU time
 * used so far, `stop` closes the server and exits; a lost parent ends the child.
 */
function answerServerControl(close: () => Promise<void>): void {
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (message === 'stop') void close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}
