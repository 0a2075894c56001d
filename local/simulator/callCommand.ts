import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CallflowNode } from '../../lib/callflow';
import { isLoopbackHost } from '../../lib/callflow/modules/reachableUrl';
import { routeToken } from '../../lib/pivot/routeCredentials';
import { INSTANT_HINT, parseInstant } from '../localClock';
import { localRouteKeys } from '../localRouteKey';
import { KAZOO_VERSIONS } from './kazooFailover';
import { DEFAULT_MAX_REQUESTS, playCall, type SimulatedCall } from './playCall';
import { transcriptText } from './transcriptText';

export const EXIT = { completed: 0, failed: 1, usage: 2 } as const;

export const CALL_USAGE = `usage: npm run call -- [options]

Plays a whole call against a Pivot URL as Kazoo would, and prints what happens.

where to call
  --url <url>           a deployed API (https://…execute-api…/) or a full voice_url;
                        default http://localhost:$PORT (npm start)
  --route <id>          route to call (default main-number)
  --token <token>       the route's token; default: derived from the local route key
                        (PIVOT_ROUTE_KEY, as npm start) when the URL is on this machine
  --node <file>         start on this pivot node (JSON, as pasted into Kazoo), its _ chain
                        of other regions included: npm run rules -- url <route> --kazoo …
  --kazoo-version 4.3|master
                        on a timeout or connection error, take _ at once (4.3, default)
                        or after Kazoo master's ~10 s of silence
how Kazoo asks
  --method get|post     default get
  --body form|json      POST body format, default form
  --format kazoo|twiml  req_format, default kazoo
  --at <ISO instant>    sends x-pivot-clock (honoured by the local server only)
who calls
  --from <number>       caller (default +14155550123)     --to <number>  dialed (default +12125550100)
  --caller-name <name>  default "Ada Lovelace"             --account <id> Account-ID
  --user-id <id>        repeatable                          --language <code> default en-us
  --call-id <id>        default sim-<uuid>
what the caller does
  --digits 1,12345,9876 one entry per collect_dtmf or TwiML <Gather>; an empty or missing entry is a timeout
  --answer              bridged calls are answered (default: no answer, Kazoo follows _)
output
  --json                the transcript as JSON
  --max-requests <n>    stop after n requests (default ${DEFAULT_MAX_REQUESTS})

exit status: 0 the call completes, 1 it would fail (non-200, broken answer or TwiML Kazoo cannot run, loop),
             2 usage error`;

export type CallCommandIo = { out(text: string): void; err(text: string): void; env: Record<string, string | undefined> };

class UsageError extends Error {}

const OPTIONS = {
  url: { type: 'string' },
  route: { type: 'string' },
  token: { type: 'string' },
  node: { type: 'string' },
  'kazoo-version': { type: 'string' },
  method: { type: 'string' },
  body: { type: 'string' },
  format: { type: 'string' },
  at: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'caller-name': { type: 'string' },
  account: { type: 'string' },
  'user-id': { type: 'string', multiple: true },
  language: { type: 'string' },
  'call-id': { type: 'string' },
  digits: { type: 'string' },
  answer: { type: 'boolean' },
  json: { type: 'boolean' },
  'max-requests': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run call`: returns the exit status instead of exiting, so tests can run it in-process. */
export async function runCallCommand(argv: string[], io: CallCommandIo): Promise<number> {
  let sim: SimulatedCall;
  let json: boolean;
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.help) {
      io.out(CALL_USAGE);
      return EXIT.completed;
    }
    json = values.json ?? false;
    sim = simulatedCallFrom(values, io.env);
  } catch (error) {
    io.err(`npm run call: ${(error as Error).message}\n(npm run call -- --help for the options)`);
    return EXIT.usage;
  }
  const transcript = await playCall(sim);
  io.out(json ? JSON.stringify(transcript, null, 2) : transcriptText(transcript));
  return transcript.failed ? EXIT.failed : EXIT.completed;
}

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

function simulatedCallFrom(v: Values, env: Record<string, string | undefined>): SimulatedCall {
  const at = v.at === undefined ? undefined : parseInstant(v.at);
  if (v.at !== undefined && !at) throw new UsageError(`--at must be ${INSTANT_HINT}`);
  const digits = v.digits === undefined ? [] : v.digits.split(',').map((d) => d.trim());
  const bad = digits.find((d) => !/^[0-9*#]*$/.test(d));
  if (bad !== undefined) throw new UsageError(`--digits entries may hold 0-9, * and # only, got "${bad}"`);
  return {
    voiceUrl: voiceUrlFrom(v, env),
    method: oneOf('--method', v.method?.toLowerCase(), ['get', 'post'], 'get'),
    body: oneOf('--body', v.body?.toLowerCase(), ['form', 'json'], 'form'),
    format: oneOf('--format', v.format?.toLowerCase(), ['kazoo', 'twiml'], 'kazoo'),
    party: {
      callId: v['call-id'] || `sim-${randomUUID()}`,
      accountId: v.account || '4b8a1c2d3e4f5061728394a5b6c7d8e9',
      from: v.from || '+14155550123',
      to: v.to || '+12125550100',
      callerName: v['caller-name'] ?? 'Ada Lovelace',
      userIds: v['user-id'] ?? [],
      language: v.language ?? 'en-us',
      realm: 'sip.example.com',
    },
    ...(at && { at }),
    digits,
    answer: v.answer ?? false,
    maxRequests: positiveInt('--max-requests', v['max-requests'], DEFAULT_MAX_REQUESTS),
    kazooVersion: oneOf('--kazoo-version', v['kazoo-version']?.toLowerCase(), KAZOO_VERSIONS, '4.3'),
    ...(v.node !== undefined && { entry: entryNodeFrom(v.node) }),
  };
}

/**
 * `--url` may be an API base (the route is appended) or a whole voice_url; the
 * token goes in the query string, the only place open-source Kazoo can carry one.
 */
function voiceUrlFrom(v: Values, env: Record<string, string | undefined>): string {
  const route = v.route || 'main-number';
  let url: URL;
  try {
    url = new URL(v.url ?? `http://localhost:${env['PORT'] || 3000}`);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got "${v.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http(s) URL, got "${v.url}"`);
  if (!/\/pivot\/[^/]+\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/pivot/${encodeURIComponent(route)}`;
  // Only npm start's tokens can be derived here (it runs on this machine); a deployed
  // route's token comes with its URL: npm run rules -- url <route> --base … --secret ….
  const routeId = decodeURIComponent(/\/pivot\/([^/]+)\/?$/.exec(url.pathname)![1]!);
  const localToken = isLoopbackHost(url.hostname) ? routeToken(localRouteKeys(env).current, routeId) : undefined;
  const token = v.token ?? (url.searchParams.has('token') ? undefined : localToken);
  if (token !== undefined) url.searchParams.set('token', token);
  return url.toString();
}

/** The node `npm run rules -- url <route> --kazoo` prints (or any pivot node); Kazoo reads its settings, not ours. */
function entryNodeFrom(file: string): CallflowNode {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--node ${file}: ${(error as Error).message}`);
  }
  const node = value as CallflowNode;
  if (!node || typeof node !== 'object' || node.module !== 'pivot' || typeof node.data?.['voice_url'] !== 'string') {
    throw new UsageError(`--node ${file} must hold a pivot callflow node with a voice_url`);
  }
  return node;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be ${allowed.join(' or ')}, got "${value}"`);
  return value as T;
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
  return n;
}
