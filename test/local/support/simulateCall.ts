import { runCallCommand } from '../../../local/simulator/callCommand';
import type { ActionEvent, Transcript } from '../../../local/simulator/transcript';
import type { LocalServer } from '../../../local/startLocalServer';

/** `npm run call -- --json …` against a local server, in-process: the exit status and the parsed transcript. */
export async function simulateCall(
  server: LocalServer,
  args: string[],
): Promise<{ status: number; transcript: Transcript; stderr: string }> {
  let out = '';
  let stderr = '';
  // The called route's own token, as the banner prints it.
  const routeFlag = args.indexOf('--route');
  const token = server.tokenFor(routeFlag >= 0 ? args[routeFlag + 1]! : 'main-number');
  const status = await runCallCommand(['--url', server.url, `--token=${token}`, '--json', ...args], {
    out: (text) => (out += text),
    err: (text) => (stderr += text),
    env: {},
  });
  return { status, transcript: JSON.parse(out) as Transcript, stderr };
}

export function actions(t: Transcript): ActionEvent[] {
  return t.events.filter((e): e is ActionEvent => e.type === 'action');
}

/** The modules the call went through, in order: `['tts', 'collect_dtmf', 'pivot', …]`. */
export function modules(t: Transcript): string[] {
  return actions(t).map((a) => a.module);
}
