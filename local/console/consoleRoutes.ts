import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { tallyFunnel } from '../../lib/pivot/ivrFunnel';
import { previewCallerSchema, type PreviewCaller } from '../../lib/preview/previewCaller';
import type { Route } from '../../lib/routes/routeSchema';
import { parseIsoDate } from '../../lib/temporal/localDate';
import { INSTANT_HINT, parseInstant } from '../localClock';
import { playCall } from '../simulator/playCall';
import { transcriptText } from '../simulator/transcriptText';
import { callTimelinePage, recentCallsPage } from './callPages';
import type { CallLog } from './callLog';
import { html, htmlPage } from './htmlDocument';
import { routePage } from './routePage';

/**
 * The local server's pages (never deployed: only local/startLocalServer.ts
 * mounts them): /console lists routes, /console/routes/{id} shows one,
 * POST /console/routes/{id}/call places a simulated call, /console/calls and
 * /console/calls/{callId} show the last calls' timelines.
 */
export type ConsoleDeps = {
  /** The route as the pivot handler reads it (the live copy). */
  getRoute(routeId: string): Promise<Route | undefined>;
  listRouteIds(): Promise<string[]>;
  calls: CallLog;
  /** The instant pages judge rules at: the server's clock override, else now. */
  now(): Date;
  /** A route's voice_url on this server, token included, for simulated calls. */
  voiceUrlFor(routeId: string): string;
};

export type ConsoleRequest = { method: string; path: string; query: URLSearchParams; body: Buffer; contentType?: string };
export type ConsoleAnswer = { status: number; contentType: string; body: string };

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json';

/** The answer for a console path, or undefined when the path is not the console's. */
export async function answerConsole(deps: ConsoleDeps, req: ConsoleRequest): Promise<ConsoleAnswer | undefined> {
  const { method, path } = req;
  if (method === 'GET' && (path === '/' || path === '/console' || path === '/console/')) return page(200, await indexPage(deps));
  if (method === 'GET' && path === '/console/calls') return page(200, recentCallsPage(deps.calls));
  const call = /^\/console\/calls\/([^/]+)$/.exec(path);
  if (method === 'GET' && call) {
    const timeline = deps.calls.get(decode(call[1]!));
    return timeline ? page(200, callTimelinePage(timeline)) : notFound(`No call "${decode(call[1]!)}" among the last calls.`);
  }
  const routeMatch = /^\/console\/routes\/([^/]+)(\/call)?$/.exec(path);
  if (!routeMatch) return undefined;
  const routeId = decode(routeMatch[1]!);
  if (method === 'GET' && !routeMatch[2]) {
    const live = await deps.getRoute(routeId);
    if (!live) return notFound(`No route "${routeId}" is stored.`);
    // ?draft=1: the draft pushed beside the live version (rules push --draft), before anyone publishes it.
    const showDraft = req.query.get('draft') === '1';
    const route = showDraft ? live.draft : live;
    if (!route) return notFound(`Route "${routeId}" has no draft.`);
    const week = req.query.get('week');
    const monday = week ? parseIsoDate(week) : undefined;
    const funnel = tallyFunnel(deps.calls.funnelOf(routeId));
    const versions = { live: live.version, draft: live.draft?.version, showingDraft: showDraft };
    return page(200, routePage({ route, now: deps.now(), caller: callerFrom(req.query), funnel, versions, ...(monday && { monday }) }));
  }
  if (method === 'POST' && routeMatch[2]) return simulatedCall(deps, routeId, req);
  return undefined;
}

const callFormSchema = z.strictObject({
  at: z.string().optional(),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  digits: z
    .string()
    .regex(/^[0-9*#,\s]*$/, 'digits may hold 0-9, * and # only, one entry per prompt separated by commas')
    .max(200)
    .optional(),
  answer: z.boolean().optional(),
});

async function simulatedCall(deps: ConsoleDeps, routeId: string, req: ConsoleRequest): Promise<ConsoleAnswer> {
  // JSON only: a form posted from another site cannot send it without a preflight this server never answers.
  if (!req.contentType?.toLowerCase().startsWith(JSON_TYPE))
    return json(415, { error: 'unsupported_media_type', message: 'send the call as application/json' });
  let parsed: z.infer<typeof callFormSchema>;
  try {
    const result = callFormSchema.safeParse(JSON.parse(req.body.toString('utf8')));
    if (!result.success) {
      const issue = result.error.issues[0]!;
      return json(400, {
        error: 'invalid_request',
        field: issue.path.join('.'),
        message: `${issue.path.join('.') || 'body'}: ${issue.message}`,
      });
    }
    parsed = result.data;
  } catch {
    return json(400, { error: 'invalid_request', message: 'the body is not JSON' });
  }
  const at = parsed.at?.trim() ? parseInstant(parsed.at) : deps.now();
  if (!at) return json(400, { error: 'invalid_request', field: 'at', message: `at must be ${INSTANT_HINT}` });
  if (!(await deps.getRoute(routeId))) return json(404, { error: 'not_found', message: `No route "${routeId}" is stored.` });
  const callId = `web-${randomUUID()}`;
  const transcript = await playCall({
    voiceUrl: deps.voiceUrlFor(routeId),
    method: 'get',
    body: 'form',
    format: 'kazoo',
    party: {
      callId,
      accountId: '4b8a1c2d3e4f5061728394a5b6c7d8e9',
      from: parsed.from?.trim() || '+14155550123',
      to: parsed.to?.trim() || '+12125550100',
      callerName: 'Console Caller',
      userIds: [],
      language: 'en-us',
      realm: 'sip.example.com',
    },
    at,
    digits: parsed.digits?.trim() ? parsed.digits.split(',').map((d) => d.trim()) : [],
    answer: parsed.answer ?? false,
  });
  return json(200, { callId, failed: transcript.failed, ending: transcript.ending, transcript: transcriptText(transcript) });
}

async function indexPage(deps: ConsoleDeps): Promise<string> {
  const ids = await deps.listRouteIds();
  const routes = await Promise.all(ids.map(async (id) => ({ id, route: await deps.getRoute(id).catch(() => undefined) })));
  const body = html`<h1>Routes</h1><section><table id="routes"><tr><th>route</th><th>time zone</th><th>what it does</th></tr>
${routes.map(
  ({ id, route }) =>
    html`<tr><td><a href="/console/routes/${encodeURIComponent(id)}">${id}</a></td><td>${route?.timezone ?? ''}</td><td>${route ? (route.description ?? '') : html`<span class="bad">stored copy is invalid</span>`}</td></tr>`,
)}</table></section>`;
  return htmlPage('Routes — kazoo-pivot', body);
}

function callerFrom(query: URLSearchParams): PreviewCaller {
  const value = (name: string) => query.get(name)?.trim() || undefined;
  const caller = previewCallerSchema.safeParse({ callerIdNumber: value('from'), dialed: value('to'), language: value('language') });
  return caller.success ? caller.data : {};
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const page = (status: number, body: string): ConsoleAnswer => ({ status, contentType: HTML, body });
const json = (status: number, body: unknown): ConsoleAnswer => ({ status, contentType: JSON_TYPE, body: JSON.stringify(body) });
const notFound = (message: string) => page(404, htmlPage('Not found — kazoo-pivot', html`<h1>Not found</h1><p>${message}</p>`));
