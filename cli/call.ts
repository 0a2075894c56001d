/** `npm run call -- …`: plays a whole call against a Pivot URL as Kazoo would (see --help). */
import { runCallCommand } from '../local/simulator/callCommand';

const status = await runCallCommand(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  env: process.env,
});
process.exitCode = status;
