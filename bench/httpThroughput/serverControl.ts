/**
 * The parent's side channel to a server child (IPC): `cpu` asks for the CPU time
 * used so far, `stop` closes the server and exits; a lost parent ends the child.
 */
export function answerServerControl(close: () => Promise<void>): void {
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (message === 'stop') void close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}
