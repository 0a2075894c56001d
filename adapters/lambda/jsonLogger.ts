import { Console } from 'node:console';
import type { Context } from 'aws-lambda';

/**
 * Structured JSON log lines in the format Powertools Logger writes (`level`,
 * `message`, `timestamp`, `service`, the Lambda context keys, then the line's
 * own fields), so Logs Insights queries and the dashboard read them unchanged.
 * Written here rather than through Powertools for the reason emfMetrics.ts
 * gives: its per-invocation store reads the environment on every access.
 * The level is read once, when built: POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, else INFO.
 */
const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
export type LogLevel = keyof typeof LEVELS;
type Sink = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;
type Fields = Record<string, unknown>;

export class JsonLogger {
  /** Where lines go: stdout and stderr in Lambda, as Powertools writes them; tests swap it for a sink. */
  console: Sink;
  readonly #service: string;
  readonly #threshold: number;
  /** This invocation's context keys, set by the handler chain (httpFunction.ts) before the route runs. */
  #context: Fields = {};
  #invocations = 0;

  constructor(options: { serviceName: string; logLevel?: LogLevel; console?: Sink }) {
    this.#service = options.serviceName;
    this.#threshold = LEVELS[options.logLevel ?? levelFromEnvironment()];
    this.console = options.console ?? new Console({ stdout: process.stdout, stderr: process.stderr });
  }

  /** The Lambda context keys every line of this invocation carries; the first invocation of a container is its cold start. */
  addContext(context: Context): void {
    this.#invocations += 1;
    this.#context = {
      cold_start: this.#invocations === 1,
      function_arn: context.invokedFunctionArn,
      function_memory_size: Number(context.memoryLimitInMB),
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
    };
  }

  debug(message: string, fields?: Fields): void {
    this.#write('DEBUG', message, fields);
  }

  info(message: string, fields?: Fields): void {
    this.#write('INFO', message, fields);
  }

  warn(message: string, fields?: Fields): void {
    this.#write('WARN', message, fields);
  }

  error(message: string, fields?: Fields): void {
    this.#write('ERROR', message, fields);
  }

  #write(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', message: string, fields: Fields | undefined): void {
    if (LEVELS[level] < this.#threshold) return;
    const line = { level, message, timestamp: new Date().toISOString(), service: this.#service, ...this.#context, ...fields };
    const text = JSON.stringify(line);
    if (level === 'ERROR') this.console.error(text);
    else if (level === 'WARN') this.console.warn(text);
    else if (level === 'DEBUG') this.console.debug(text);
    else this.console.info(text);
  }
}

function levelFromEnvironment(): LogLevel {
  const name = (process.env['POWERTOOLS_LOG_LEVEL'] ?? process.env['LOG_LEVEL'] ?? 'INFO').trim().toUpperCase();
  if (name === 'WARNING') return 'WARN';
  if (name === 'TRACE') return 'DEBUG';
  return name in LEVELS ? (name as LogLevel) : 'INFO';
}
