import { createServer, type IncomingMessage } from 'node:http';

export type RecordedRequest = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
export type FakeAnswer = { status?: number; contentType?: string | null; body: string | object; delayMs?: number };

/**
 * A stand-in Pivot server that answers from a script, one answer per request,
 * and records what the simulator sent. `{{base}}` in an answer is its own URL,
 * on loopback.
 */
export async function fakePivotServer(script: FakeAnswer[] | ((n: number) => FakeAnswer)) {
  const requests: RecordedRequest[] = [];
  let base = '';
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const n = requests.length;
    const answer = typeof script === 'function' ? script(n) : (script[n - 1] ?? { status: 500, body: '' });
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const text = (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)).replaceAll('{{base}}', base);
    const headers: Record<string, string> = {};
    if (answer.contentType !== null) headers['content-type'] = answer.contentType ?? 'application/json';
    res.writeHead(answer.status ?? 200, headers);
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: `${base}/pivot/fake?token=secret-token`,
    base,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
