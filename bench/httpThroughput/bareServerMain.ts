import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerServerControl } from './serverControl';

/**
 * Child process: the baseline, a bare node:http server that answers every
 * request with the body and headers the local server gave for the same request,
 * after reading the request to its end like any server must.
 */
const { body, headers } = JSON.parse(process.argv[2]!) as { body: string; headers: Record<string, string> };
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
