/**
 * `rules convert-twiml <file>`: the Kazoo callflow equivalent to a TwiML
 * document, for an operator moving a TwiML application to callflows (or
 * checking what a TwiML answer does). Prints the callflow JSON when every verb
 * has an equivalent; otherwise names each verb that has none, and why.
 */
import { readFile } from 'node:fs/promises';
import { KAZOO_CALLFLOW_POLICY, validateCallflow } from '../../lib/callflow/validateCallflow';
import { hasPlaceholder } from '../../lib/routes/placeholders';
import { parseTwiml } from '../../lib/twiml/twimlDocument';
import { checkTwimlSubset } from '../../lib/twiml/twimlSubset';
import { twimlToCallflow } from '../../lib/twiml/twimlToCallflow';
import { EXIT_FAILED, EXIT_OK, type RulesIo } from './routeTable';

export async function convertTwimlCommand(file: string, io: RulesIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT_FAILED;
  }
  const parsed = parseTwiml(text);
  if (!parsed.ok) {
    io.stderr.write(`${file}: ${parsed.issue.message}\n`);
    return EXIT_FAILED;
  }
  // A file stands alone: step:<name> needs a route, so it is reported like any other URL Kazoo cannot reach.
  const issues = checkTwimlSubset(parsed.root, { hasStep: () => false, allowLoopbackUrls: false, templated: hasPlaceholder });
  if (issues.length > 0) {
    io.stderr.write(`${file}: Kazoo cannot run this TwiML:\n${issues.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`);
    return EXIT_FAILED;
  }
  const conversion = twimlToCallflow(parsed.root);
  for (const note of conversion.notes) io.stderr.write(`note: ${note}\n`);
  if (!conversion.ok) {
    io.stderr.write(
      `${file}: no Kazoo callflow does the same; these verbs have no equivalent:\n${conversion.missing
        .map((m) => `  ${m.where}: ${m.why}\n`)
        .join('')}`,
    );
    return EXIT_FAILED;
  }
  // Held to the same check as every answer: a callflow Kazoo would refuse is not an equivalent.
  const valid = validateCallflow(conversion.node, KAZOO_CALLFLOW_POLICY);
  if (!valid.ok) {
    io.stderr.write(
      `${file}: the equivalent callflow would be refused by Kazoo:\n${valid.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}\n`).join('')}`,
    );
    return EXIT_FAILED;
  }
  io.stdout.write(`${JSON.stringify(conversion.node, null, 2)}\n`);
  return EXIT_OK;
}
