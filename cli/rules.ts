/** `npm run rules -- <command>`: see the help text in cli/rules/runRulesCli.ts, or run with --help. */
import { runRulesCli } from './rules/runRulesCli';

// The SDK prints an 8-line notice about its future Node 22 floor on every run under Node 20,
// which package.json still supports; in an operator's terminal it buries the one line that matters.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runRulesCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
