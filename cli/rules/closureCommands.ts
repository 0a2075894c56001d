/**
 * `close <route> [--until <time>] [--message <text>]` and `reopen <route>`: an
 * emergency closure in one command, stored on its own item (never in the route
 * document), served within the route cache time.
 */
import { emergencyClosureSchema, type EmergencyClosure } from '../../lib/closures/emergencyClosure';
import { addDays, formatIsoDate, parseIsoDate } from '../../lib/temporal/localDate';
import { zonedDateTime } from '../../lib/temporal/timeZone';
import { formatClockTime, parseClockTime } from '../../lib/temporal/clockTime';
import { instantAt } from '../../lib/temporal/zonedInstant';
import {
  describeTarget,
  EXIT_FAILED,
  EXIT_OK,
  parseStoredText,
  type RulesCliDeps,
  type RulesIo,
  type TableTarget,
  withRouteTable,
} from './routeTable';

type CloseOptions = { until?: string; message?: string; now: Date };

const UNTIL_HELP =
  '--until takes a duration (90m, 2h, 3d), a local time in the route zone (2026-12-24T17:00, or 17:00 for the next 17:00), or an instant with its offset (2026-12-24T22:00:00Z)';

/** When `--until` ends the closure, or an error message. */
export function parseUntil(text: string, now: Date, timeZone: string): Date | string {
  const duration = /^(\d+)\s*(m|min|h|d)$/.exec(text.trim());
  if (duration) {
    const unitMs = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 'm' | 'min' | 'h' | 'd'];
    return new Date(now.getTime() + Number(duration[1]) * unitMs);
  }
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
  if (local) {
    const date = parseIsoDate(local[1]!);
    const seconds = parseClockTime(local[2]!);
    if (date && seconds !== undefined) return instantAt(date, seconds, timeZone);
  }
  const clock = parseClockTime(text.trim());
  if (clock !== undefined) {
    // The next time the wall clock shows it: later today, else tomorrow.
    const today = zonedDateTime(now, timeZone).date;
    const at = instantAt(today, clock, timeZone);
    return at > now ? at : instantAt(addDays(today, 1), clock, timeZone);
  }
  return `"${text}" is not a time: ${UNTIL_HELP}`;
}

export async function closeCommand(
  routeId: string,
  options: CloseOptions,
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
): Promise<number> {
  return withRouteTable(target, io, deps, async (admin, closures) => {
    const text = await admin.getRoute(routeId);
    if (text === undefined) {
      io.stderr.write(`no route ${routeId} in ${describeTarget(target)}; nothing closed\n`);
      return EXIT_FAILED;
    }
    const stored = parseStoredText(text);
    const timezone = stored.ok && typeof stored.document.timezone === 'string' ? stored.document.timezone : 'UTC';
    const closure: EmergencyClosure = { closedAt: options.now.getTime() };
    if (options.until !== undefined) {
      const until = parseUntil(options.until, options.now, timezone);
      if (typeof until === 'string') {
        io.stderr.write(`error: ${until}\n`);
        return EXIT_FAILED;
      }
      if (until <= options.now) {
        io.stderr.write(`error: --until ${options.until} (${until.toISOString()}) is already past\n`);
        return EXIT_FAILED;
      }
      closure.until = until.getTime();
    }
    if (options.message !== undefined) {
      const message = emergencyClosureSchema.shape.message.safeParse(options.message.trim());
      if (!message.success || message.data === undefined) {
        io.stderr.write('error: --message must be 1 to 1000 characters of text\n');
        return EXIT_FAILED;
      }
      closure.message = message.data;
    }
    await closures.putClosure(routeId, closure);
    const doc = stored.ok ? stored.document : {};
    if (doc.closed === undefined && doc.fallback === undefined && closure.message === undefined) {
      io.stderr.write(
        `warning: route ${routeId} has neither closed nor fallback and no --message was given: callers get a 503 (the pivot node's _ branch)\n`,
      );
    }
    io.stdout.write(
      `closed ${routeId} ${describeClosure(closure, timezone)}; callers get its closed callflow within the route cache time (30 s)\n`,
    );
    return EXIT_OK;
  });
}

export async function reopenCommand(
  routeId: string,
  target: TableTarget,
  io: RulesIo,
  deps: Pick<RulesCliDeps, 'openRouteTable'>,
): Promise<number> {
  return withRouteTable(target, io, deps, async (_admin, closures) => {
    if (!(await closures.deleteClosure(routeId))) {
      io.stderr.write(`route ${routeId} was not closed in ${describeTarget(target)}\n`);
      return EXIT_FAILED;
    }
    io.stdout.write(`reopened ${routeId}; its rules answer again within the route cache time (30 s)\n`);
    return EXIT_OK;
  });
}

/** `until 2026-12-24 17:00 (America/New_York) — "message"`, for close and list. */
export function describeClosure(closure: EmergencyClosure, timezone: string): string {
  const fmt = (ms: number) => {
    const { date, secondsIntoDay } = zonedDateTime(new Date(ms), timezone);
    return `${formatIsoDate(date)} ${formatClockTime(secondsIntoDay - (secondsIntoDay % 60))}`;
  };
  const until = closure.until === undefined ? 'until reopened' : `until ${fmt(closure.until)} (${timezone})`;
  return `${until}${closure.message ? `, message "${closure.message}"` : ''}`;
}
