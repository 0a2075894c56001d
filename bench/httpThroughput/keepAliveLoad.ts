import { Agent, request } from 'node:http';

export type LoadResult = { requests: number; seconds: number; perSecond: number };

/**
 * A closed-loop load: `concurrency` workers on keep-alive sockets, each sending
 * the next request as soon as the previous answer is read, until `durationMs`
 * is up. Every answer must be a 200 with the expected body, so a server that
 * fails fast cannot look fast.
 */
export async function keepAliveLoad(
  target: { port: number; path: string; expectBody: string },
  options: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const deadline = performance.now() + options.durationMs;
  let requests = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await getOnce(agent, target);
      requests++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requests, seconds, perSecond: requests / seconds };
}

function getOnce(agent: Agent, target: { port: number; path: string; expectBody: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200 || body !== target.expectBody) {
          reject(new Error(`answered ${res.statusCode} ${body.slice(0, 200)}`));
        } else resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end();
  });
}
