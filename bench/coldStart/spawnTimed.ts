import { spawn } from 'node:child_process';

/**
 * Wall time from spawning a `node` process to its exit, in ms. stdout (the
 * handlers' JSON log lines) is discarded; stderr is kept to explain a failure.
 * A process that outlives `timeoutMs` is killed and counted as a failure.
 */
export function spawnTimed(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const elapsed = performance.now() - t0;
      clearTimeout(timer);
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${args.join(' ')} exited ${code ?? signal}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
