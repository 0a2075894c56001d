/** The rules CLI: its help text, argument parsing, and dispatch to the commands. */
import { parseArgs } from 'node:util';
import { diffCommand } from './diffRoutes';
import { convertTwimlCommand } from './convertTwiml';
import { validateCommand } from './routeFiles';
import { readRouteKeysFromSecretsManager, urlCommand } from './routeUrls';
import {
  DEFAULT_REGION,
  DEFAULT_TABLE,
  EXIT_OK,
  EXIT_USAGE,
  openRouteTable,
  resolveTableTarget,
  type RulesCliDeps,
  type RulesIo,
} from './routeTable';
import { deleteCommand, listCommand, pullCommand, pushCommand } from './tableCommands';
import { closeCommand, reopenCommand } from './closureCommands';
import { kazooRulesCommand } from './kazooRulesCommand';
import { routeSchema } from '../../lib/routes/routeSchema';
import { didYouMean } from '../../lib/didYouMean';
import { pusherIdentity } from './pusherIdentity';
import { historyCommand, publishCommand, rollbackCommand } from './versionCommands';
import { impactCommand } from './impactCommand';
import { showCommand } from './showCommand';
import { loadPatternEngine } from '../../lib/routes/safePattern';

/** Versions kept per route unless --keep or RULES_KEEP_VERSIONS says otherwise. */
const DEFAULT_KEEP = 20;

const HELP_TEXT = `Usage: npm run rules -- <command> [options]

Manage the routing rules (route documents) of Kazoo Pivot, one item per route in DynamoDB.
Route files are JSON or YAML (.yaml, .yml); see examples/ and schemas/route.schema.json.

Commands:
  validate <files...>   check route files (a directory: its .json/.yaml/.yml files); errors name file, route,
                        rule and field (line and column for JSON/YAML syntax), with "did you mean" hints.
                        Warnings name quiet mistakes the same way: a data field the module lacks, a
                        zone without DST where the place has it (EST, MST…), a
                        yearly rule without month, a window that can never match, days out of order, a
                        rule after an unconditional rule, duplicate rule names, a start_date in the future.
                        --strict makes warnings errors.
  push <files...>       validate all, then write them; shows created / updated (what changed) / unchanged.
                        Nothing is written when any file is invalid (or, with --strict, has warnings);
                        directories work as for validate. Each
                        changed route becomes the next numbered version and goes live (--draft: stored as
                        the draft; only the draft's testCallers get it until \`publish\`). --message TEXT notes
                        why; --keep N versions are kept (default: env RULES_KEEP_VERSIONS, else ${DEFAULT_KEEP};
                        live and draft always kept).
  impact <files...>     what changes for callers against the live version: every 15 minutes of this week
                        in the route's zone, for each caller number, dialed number, language, user and
                        variable the rules name plus any other caller, at every IVR step for every key,
                        and dates of the next --days N (default 365) unlike their weekday. In words:
                        "Mon–Fri 17:00–17:30: voicemail b7e2… → ring device a3f1…". --fail-on-change: exit 3.
  show <route>          who answers when: the live version's week as a table in the route's zone, the
                        callers its rules single out, the coming exceptions (90 days), the IVR as a tree;
                        --draft: the draft's instead
  history <route>       the route's versions, newest first: number, live / draft, when, who, message
  rollback <route>      make the version live before the current one live again (--to N: version N)
  publish <route> <N>   make version N (usually the draft) live
  diff <files...>       compare local files with the table: created / changed (every changed path) / unchanged;
                        --calls: what changes for callers instead (same as impact)
  pull <route>          print the stored live route as JSON (--out FILE writes it; .yaml/.yml writes YAML;
                        --version N: that stored version instead), with a $schema pointing at
                        schemas/route.schema.json from where it is written
  list                  print the stored route ids; a closed route shows CLOSED, until when, its message;
                        routes that no longer validate are marked on stderr
  close <route>         emergency closure: calls get the route's closed callflow (else its fallback) within
                        the route cache time, whatever its rules say. --until <time> (90m, 2h, 2026-12-24T17:00
                        in the route's zone, or an instant with offset), --message <text> spoken first.
                        Stored apart from the route document (its versions stay clean); logged and counted
                        when it answers a call.
  reopen <route>        end an emergency closure
  kazoo-rules <files...> print each route's time, hours, holidays (this year and next) and closures as
                        Kazoo temporal_rules documents
  delete <route>        remove a route (requires --yes)
  url <route>           print the route's voice_url and cdr_url with its token, to paste into Kazoo.
                        Deployed: --base <PivotBaseUrl output> --secret <route key secret ARN or name>
                        (the stack's RouteUrlCommand output is the whole command). Without --secret: the
                        local key npm start uses (PIVOT_ROUTE_KEY), base http://localhost:3000 (PUBLIC_URL, PORT).
                        Two regions: --base once per region, primary first; --kazoo prints the ready pivot node
                        (each region tried in turn via _, then the route's fallback from --file or the table).
  convert-twiml <file>  print the Kazoo callflow that does what a TwiML file does, or name the verbs that have
                        no callflow equivalent (and the TwiML Kazoo cannot run at all)

Options:
  --table NAME          DynamoDB table (default: env TABLE_NAME, else ${DEFAULT_TABLE})
  --region REGION       AWS region (default: env AWS_REGION, else ${DEFAULT_REGION})
  --endpoint URL        a local DynamoDB, e.g. http://127.0.0.1:8000; \`npm start\` prints its endpoint.
                        Without it the real DynamoDB is used with your AWS credentials (default chain:
                        env, AWS_PROFILE, SSO, role).
  -o, --out FILE        pull: write to FILE instead of stdout
  --base URL            url: where the routes are served, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/pivot/
  --secret ID           url: the route key secret to derive the token from (needs --base)
  --until TIME          close: reopen by itself then
  --strict              validate, push: warnings are errors
  --kazoo               url: print a Kazoo pivot node (JSON) chaining every --base, ending in the route's fallback
  --file FILE           url --kazoo: the route file whose fallback ends the chain (else the table's copy)
  -y, --yes             delete: confirm
  --draft               push: store as the draft, not live; show: the draft
  -m, --message TEXT    push: why, shown by history; close: spoken (TTS) to callers before the closed callflow
  --keep N              push: versions to keep
  --to N                rollback: the version to return to
  --fail-on-change      impact: exit 3 when anything changes for callers
  --days N              impact: dates ahead to check (default 365)
  -h, --help            this text

Exit codes: 0 done, 1 invalid input / missing route / store failure, 2 bad command line,
3 impact --fail-on-change found a change.

Examples:
  npm run rules -- validate examples/
  npm run rules -- push examples/*.json --endpoint http://127.0.0.1:8000
  npm run rules -- diff routes/main-number.yaml --table kazoo-pivot-prod --region eu-west-1
  npm run rules -- push routes/main-number.yaml --draft -m "new after-hours menu"
  npm run rules -- impact routes/main-number.yaml --fail-on-change
  npm run rules -- show sales-support
  npm run rules -- history main-number
  npm run rules -- publish main-number 7
  npm run rules -- rollback main-number
  npm run rules -- pull main-number --out main-number.json
  npm run rules -- convert-twiml app/welcome.xml
  npm run rules -- close main-number --until 2h --message "We are closed due to a storm." --endpoint http://127.0.0.1:8000
  npm run rules -- reopen main-number --endpoint http://127.0.0.1:8000
  npm run rules -- kazoo-rules examples/small-business.json
  npm run rules -- url main-number --endpoint http://127.0.0.1:8000
  npm run rules -- url main-number --base https://abc.execute-api.eu-west-1.amazonaws.com/pivot/ --secret <arn> --region eu-west-1
  npm run rules -- url main-number --kazoo --file examples/main-number.json --secret <arn> --region eu-west-1 \\
    --base https://abc.execute-api.eu-west-1.amazonaws.com/pivot/ --base https://def.execute-api.eu-central-1.amazonaws.com/pivot/
`;

const OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  out: { type: 'string', short: 'o' },
  base: { type: 'string', multiple: true },
  secret: { type: 'string' },
  until: { type: 'string' },
  strict: { type: 'boolean' },
  kazoo: { type: 'boolean' },
  file: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  draft: { type: 'boolean' },
  message: { type: 'string', short: 'm' },
  keep: { type: 'string' },
  to: { type: 'string' },
  'fail-on-change': { type: 'boolean' },
  calls: { type: 'boolean' },
  version: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Arity = { min: number; max: number; operand: string };
const ARITY: Record<string, Arity> = {
  validate: { min: 1, max: Infinity, operand: '<files...>' },
  push: { min: 1, max: Infinity, operand: '<files...>' },
  diff: { min: 1, max: Infinity, operand: '<files...>' },
  pull: { min: 1, max: 1, operand: '<route>' },
  delete: { min: 1, max: 1, operand: '<route>' },
  list: { min: 0, max: 0, operand: '' },
  url: { min: 1, max: 1, operand: '<route>' },
  'convert-twiml': { min: 1, max: 1, operand: '<file>' },
  impact: { min: 1, max: Infinity, operand: '<files...>' },
  show: { min: 1, max: 1, operand: '<route>' },
  history: { min: 1, max: 1, operand: '<route>' },
  rollback: { min: 1, max: 1, operand: '<route>' },
  publish: { min: 2, max: 2, operand: '<route> <version>' },
  close: { min: 1, max: 1, operand: '<route>' },
  reopen: { min: 1, max: 1, operand: '<route>' },
  'kazoo-rules': { min: 1, max: Infinity, operand: '<files...>' },
};

/** Options that only make sense for one command; elsewhere they are a mistake worth pointing out. */
type OwnOption =
  | 'out'
  | 'yes'
  | 'base'
  | 'secret'
  | 'kazoo'
  | 'file'
  | 'draft'
  | 'message'
  | 'keep'
  | 'to'
  | 'fail-on-change'
  | 'days'
  | 'version'
  | 'calls'
  | 'until'
  | 'strict';
const OWN_OPTIONS: Record<string, readonly OwnOption[]> = {
  impact: ['fail-on-change', 'days'],
  diff: ['calls', 'fail-on-change', 'days'],
  push: ['draft', 'message', 'keep', 'strict'],
  rollback: ['to'],
  show: ['draft'],
  pull: ['out', 'version'],
  delete: ['yes'],
  close: ['until', 'message'],
  validate: ['strict'],
  url: ['base', 'secret', 'kazoo', 'file'],
};

/** The rules CLI, argv in, exit code out; the process wrapper is cli/rules.ts. */
export async function runRulesCli(argv: string[], io: RulesIo, deps: Partial<RulesCliDeps> = {}): Promise<number> {
  const fullDeps: RulesCliDeps = {
    env: deps.env ?? process.env,
    openRouteTable: deps.openRouteTable ?? openRouteTable,
    readRouteKeys: deps.readRouteKeys ?? readRouteKeysFromSecretsManager,
    now: deps.now ?? (() => new Date()),
  };
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return usageError((error as Error).message, io);
  }
  const { values, positionals } = parsed;
  const [command, ...operands] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(HELP_TEXT);
    return EXIT_OK;
  }
  if (command === undefined) return usageError('no command given', io);
  const arity = ARITY[command];
  if (!arity) return usageError(`unknown command "${command}"${didYouMean(command, Object.keys(ARITY))}`, io);
  if (operands.length < arity.min || operands.length > arity.max) {
    return usageError(
      `${command} takes ${arity.operand || 'no arguments'}${operands.length > arity.max && arity.max > 0 ? ' (one only)' : ''}`,
      io,
    );
  }
  for (const option of [
    'out',
    'yes',
    'base',
    'secret',
    'kazoo',
    'file',
    'draft',
    'message',
    'keep',
    'to',
    'fail-on-change',
    'days',
    'version',
    'calls',
    'until',
    'strict',
  ] as const) {
    if (values[option] !== undefined && !OWN_OPTIONS[command]?.includes(option))
      return usageError(`--${option} does not apply to ${command}`, io);
  }
  // Every command may parse a route, and a CLI run is no cold start: rule patterns are checked on RE2 up front.
  await loadPatternEngine();
  const badBase = values.base?.find((base) => !/^https?:\/\/[^/]/.test(base));
  if (badBase !== undefined) {
    return usageError(`--base must be an http(s) URL such as the stack's PivotBaseUrl output, got "${badBase}"`, io);
  }
  if (values.file !== undefined && !values.kazoo)
    return usageError('--file needs --kazoo (it names the route whose fallback ends the chain)', io);
  // A token for the deployed key on a local URL (or the reverse) would only fail in Kazoo.
  if (values.secret !== undefined && values.base === undefined) {
    return usageError("--secret needs --base (the stack's PivotBaseUrl output)", io);
  }
  if (values.endpoint !== undefined && !/^https?:\/\/[^/]/.test(values.endpoint)) {
    return usageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:8000, got "${values.endpoint}"`, io);
  }

  const keep = positiveNumber(values.keep ?? fullDeps.env.RULES_KEEP_VERSIONS ?? String(DEFAULT_KEEP));
  if (command === 'push' && keep === undefined)
    return usageError(`--keep (or RULES_KEEP_VERSIONS) must be a whole number of at least 1`, io);
  const to = values.to === undefined ? undefined : positiveNumber(values.to);
  if (values.to !== undefined && to === undefined) return usageError(`--to must be a version number such as 3, got "${values.to}"`, io);
  const version = command === 'publish' ? positiveNumber(operands[1]!) : undefined;
  const pullVersion = values.version === undefined ? undefined : positiveNumber(values.version);
  if (values.version !== undefined && pullVersion === undefined)
    return usageError(`--version must be a version number such as 3, got "${values.version}"`, io);
  if (command === 'publish' && version === undefined)
    return usageError(`publish takes a version number such as 3, got "${operands[1]}"`, io);

  const days = values.days === '0' ? 0 : positiveNumber(values.days ?? '365');
  if (days === undefined || days > 3660) return usageError(`--days must be a number of days from 0 to 3660, got "${values.days}"`, io);

  // `diff --calls` is `impact`: the same comparison, asked for where operators already look.
  if (command === 'diff' && values.calls) {
    const rest = argv.filter((a) => a !== '--calls');
    rest.splice(rest.indexOf('diff'), 1);
    return runRulesCli(['impact', ...rest], io, deps);
  }
  if (command === 'diff' && (values['fail-on-change'] || values.days !== undefined)) {
    return usageError('--fail-on-change and --days apply to impact (or diff --calls)', io);
  }

  const target = resolveTableTarget(values, fullDeps.env);
  const first = operands[0]!;
  switch (command) {
    case 'validate':
      return validateCommand(operands, io, { strict: values.strict, now: fullDeps.now() });
    case 'convert-twiml':
      return convertTwimlCommand(first, io);
    case 'push':
      return pushCommand(
        operands,
        target,
        io,
        fullDeps,
        { draft: values.draft === true, message: values.message, keep: keep!, pushedBy: pusherIdentity(fullDeps.env, target) },
        { strict: values.strict, now: fullDeps.now() },
      );
    case 'impact':
      return impactCommand(operands, target, io, fullDeps, {
        failOnChange: values['fail-on-change'] === true,
        days,
        now: fullDeps.now(),
      });
    case 'show':
      return showCommand(first, target, io, fullDeps, fullDeps.now(), values.draft === true);
    case 'history':
      return historyCommand(first, target, io, fullDeps);
    case 'rollback':
      return rollbackCommand(first, to, target, io, fullDeps);
    case 'publish':
      return publishCommand(first, version!, target, io, fullDeps);
    case 'kazoo-rules':
      return kazooRulesCommand(operands, io, fullDeps.now());
    case 'close':
    case 'reopen': {
      if (!routeSchema.shape.id.safeParse(first).success) return usageError(`"${first}" is not a route id (letters, digits, - and _)`, io);
      if (command === 'reopen') return reopenCommand(first, target, io, fullDeps);
      return closeCommand(first, { until: values.until, message: values.message, now: fullDeps.now() }, target, io, fullDeps);
    }
    case 'diff':
      return diffCommand(operands, target, io, fullDeps);
    case 'pull':
      return pullCommand(first, values.out, target, io, fullDeps, pullVersion);
    case 'delete':
      return deleteCommand(first, values.yes === true, target, io, fullDeps);
    case 'url': {
      if (!routeSchema.shape.id.safeParse(first).success) return usageError(`"${first}" is not a route id (letters, digits, - and _)`, io);
      const checkTable = values.endpoint !== undefined || values.table !== undefined ? target : undefined;
      return urlCommand(
        first,
        { bases: values.base, secret: values.secret, region: target.region, checkTable, kazoo: values.kazoo, routeFile: values.file },
        io,
        fullDeps,
      );
    }
    default:
      return listCommand(target, io, fullDeps, fullDeps.now());
  }
}

/** A version number or count: digits only, at least 1. */
function positiveNumber(text: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
}

function parseCommandLine(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

function usageError(message: string, io: RulesIo): number {
  io.stderr.write(`error: ${message}\nrun \`npm run rules -- --help\` for the commands and options\n`);
  return EXIT_USAGE;
}
