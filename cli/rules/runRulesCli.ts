import { parseArgs } from 'node:util';
import { deleteCommand } from './deleteCommand';
import { diffCommand } from './diffCommand';
import { HELP_TEXT } from './helpText';
import { listCommand } from './listCommand';
import { openRouteTable, resolveTableTarget } from './openRouteTable';
import { pullCommand } from './pullCommand';
import { pushCommand } from './pushCommand';
import { EXIT_OK, EXIT_USAGE, type RulesCliDeps, type RulesIo } from './rulesCliTypes';
import { validateCommand } from './validateCommand';

const OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  out: { type: 'string', short: 'o' },
  yes: { type: 'boolean', short: 'y' },
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
};

/** Options that only make sense for one command; elsewhere they are a mistake worth pointing out. */
const OWN_OPTIONS: Record<string, 'out' | 'yes'> = { pull: 'out', delete: 'yes' };

/** The rules CLI, argv in, exit code out; the process wrapper is cli/rules.ts. */
export async function runRulesCli(argv: string[], io: RulesIo, deps: Partial<RulesCliDeps> = {}): Promise<number> {
  const fullDeps: RulesCliDeps = { env: deps.env ?? process.env, openRouteTable: deps.openRouteTable ?? openRouteTable };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
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
  if (!arity) return usageError(`unknown command "${command}"`, io);
  if (operands.length < arity.min || operands.length > arity.max) {
    return usageError(`${command} takes ${arity.operand || 'no arguments'}${operands.length > arity.max && arity.max > 0 ? ' (one only)' : ''}`, io);
  }
  for (const option of ['out', 'yes'] as const) {
    if (values[option] !== undefined && OWN_OPTIONS[command] !== option) return usageError(`--${option} does not apply to ${command}`, io);
  }
  if (values.endpoint !== undefined && !/^https?:\/\/[^/]/.test(values.endpoint)) {
    return usageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:8000, got "${values.endpoint}"`, io);
  }

  const target = resolveTableTarget(values, fullDeps.env);
  const first = operands[0]!;
  switch (command) {
    case 'validate':
      return validateCommand(operands, io);
    case 'push':
      return pushCommand(operands, target, io, fullDeps);
    case 'diff':
      return diffCommand(operands, target, io, fullDeps);
    case 'pull':
      return pullCommand(first, values.out, target, io, fullDeps);
    case 'delete':
      return deleteCommand(first, values.yes === true, target, io, fullDeps);
    default:
      return listCommand(target, io, fullDeps);
  }
}

function usageError(message: string, io: RulesIo): number {
  io.stderr.write(`error: ${message}\nrun \`npm run rules -- --help\` for the commands and options\n`);
  return EXIT_USAGE;
}
