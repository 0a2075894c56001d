import { fork, type ChildProcess } from 'node:child_process';

export type ServerProcess = {
  port: number;
  /** CPU time the server process has used so far (user + system), in microseconds. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
};

type Ready = { port: number };
type CpuReport = { cpu: NodeJS.CpuUsage };

/**
 * Runs a server script in its own Node process (through tsx) and waits for it to
 * report its port over IPC. Servers live apart from the load generator so each
 * side has a core of the two, as with `npm start` and a Kazoo hitting it.
 * Their stdout (request logs) is discarded; stderr is kept for a failure message.
 */
export function startServerProcess(script: string, args: string[], timeoutMs = 30_000): Promise<ServerProcess> {
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not report a port within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}; stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    };
    child.once('exit', (code) => fail(new Error(`${script} exited ${code} before it was ready`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port: (message as Ready).port, cpuMicros: () => askCpu(child), stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

function askCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => {
      const { cpu } = message as CpuReport;
      resolve(cpu.user + cpu.system);
    });
    child.send('cpu');
  });
}
