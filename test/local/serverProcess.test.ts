import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { routeToken } from '../../lib/pivot/routeCredentials';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

/** `npm start` as a user runs it, minus npm: tsx local/server.ts with the given environment. */
function startServerProcess(env: Record<string, string>): Run {
  const child = spawn(TSX, ['local/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DYNAMODB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(check: () => boolean, what: string, run: Run): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start (local/server.ts)', () => {
  it('prints the Pivot URLs and curl lines that answer a callflow, and stops cleanly on Ctrl-C', async () => {
    // Prepare
    const key = 'process-test-route-key';
    const run = startServerProcess({ PORT: '0', PIVOT_ROUTE_KEY: key });
    await waitFor(() => run.stdout().includes('Ctrl-C'), 'the startup banner', run);
    const banner = run.stdout();
    const token = (route: string) => routeToken(key, route);
    const curl = new RegExp(`curl '(http://localhost:\\d+/pivot/main-number\\?token=${token('main-number')}&[^']+)'`).exec(banner)?.[1];

    const consoleUrl = /(http:\/\/localhost:\d+\/console) /.exec(banner)?.[1];

    // Act
    const answer = await fetch(curl!);
    const consolePage = await fetch(consoleUrl!);
    run.child.kill('SIGINT');
    const code = await run.exit;

    // Assess
    // Each route with its own token, derived from the key; never the key itself.
    for (const route of ['main-number', 'sales-support', 'account-pin', 'vip-callers', 'presence', 'bridging']) {
      expect(banner).toMatch(new RegExp(`${route} +http://\\S+/pivot/${route}\\?token=${token(route)}\n`));
    }
    expect(banner).toMatch(
      new RegExp(`curl -X POST .* -d 'Call-ID=test-2&[^']+' 'http://localhost:\\d+/pivot/main-number\\?token=${token('main-number')}'`),
    );
    expect(banner).not.toContain(key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(['device', 'voicemail']).toContain(((await answer.json()) as { module: string }).module);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('href="/console/routes/main-number"');
    expect(code).toBe(0);
  });

  it('says in one line that the port is taken, and exits 1', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;

    // Act
    const run = startServerProcess({ PORT: String(port) });
    const code = await run.exit;
    blocker.close();

    // Assess
    expect(code).toBe(1);
    const errorLines = run
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('npm start:'));
    expect(errorLines).toEqual([
      `npm start: port ${port} is already in use (Pivot HTTP server): stop whatever holds it, or pick another port with PORT=<port>`,
    ]);
    expect(run.stdout()).toBe('');
  });
});
