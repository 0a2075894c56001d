import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { InvalidRequestError, RequestTooLargeError } from '../../lib/errors';
import type { HttpAnswer } from '../../lib/http/httpAnswer';
import type { HttpRequest } from '../../lib/request/httpRequest';

/**
 * The edge: an API Gateway HTTP API event (payload format 2.0, the only kind the
 * stack has) in, the plain HttpRequest lib works on out; lib's HttpAnswer back
 * into the result API Gateway expects. The local server builds the same events,
 * so it goes through here too.
 */

/** The fields a request lives in; the rest of the event (requestContext's ids, times...) is not read. */
const stringMap = z.record(z.string(), z.string().nullish()).nullish();

export const httpApiEventSchema = z.object({
  version: z.literal('2.0', { error: 'only payload format 2.0 is read' }),
  rawPath: z.string().optional(),
  rawQueryString: z.string().optional(),
  headers: stringMap,
  requestContext: z
    .looseObject({
      domainName: z.string().optional(),
      http: z.looseObject({ method: z.string(), sourceIp: z.string().optional() }).optional(),
    })
    .optional(),
  pathParameters: stringMap,
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
});

export type RequestLimits = { maxBodyBytes: number; maxQueryBytes: number };

/**
 * The event as an HttpRequest: header names lowercased, the body base64-decoded
 * to UTF-8 text, the query string left raw for lib's own parser. An oversized
 * body (413) or query string (414) is refused first, before anything is parsed or
 * decoded: Kazoo's requests are a few hundred bytes, megabytes are hostile.
 */
export function httpRequestOf(event: unknown, limits: RequestLimits): HttpRequest {
  refuseOversized(event, limits);
  const e = readEvent(event);
  const headers = lowercaseKeys(e.headers);
  const routeId = e.pathParameters?.['route'] ?? undefined;
  const host = e.requestContext?.domainName ?? headers['host'];
  return {
    method: (e.requestContext?.http?.method ?? 'GET').toUpperCase(),
    ...(routeId !== undefined && { routeId }),
    path: e.rawPath ?? '/',
    ...(host !== undefined && { host }),
    rawQuery: e.rawQueryString ?? '',
    headers,
    ...(e.body != null && { body: e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : e.body }),
    ...(e.requestContext?.http?.sourceIp !== undefined && { sourceIp: e.requestContext.http.sourceIp }),
  };
}

type HttpApiEvent = z.infer<typeof httpApiEventSchema>;

/**
 * API Gateway's events have this shape every time: checked by hand first (the
 * schema copied every event, a tenth of a warm request's allocations), and only
 * an event failing that check goes through the schema, which decides and names
 * what is wrong. The hand check accepts nothing the schema refuses.
 */
function readEvent(event: unknown): HttpApiEvent {
  if (isPlainHttpApiEvent(event)) return event;
  const parsed = httpApiEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(`not an API Gateway HTTP API event: ${issue?.message}`, issue?.path.join('.') || undefined);
  }
  return parsed.data;
}

function isPlainHttpApiEvent(event: unknown): event is HttpApiEvent {
  if (!isRecord(event) || event['version'] !== '2.0') return false;
  const context = event['requestContext'];
  const http = isRecord(context) ? context['http'] : undefined;
  return (
    optional(event['rawPath'], 'string') &&
    optional(event['rawQueryString'], 'string') &&
    isStringMap(event['headers']) &&
    isStringMap(event['pathParameters']) &&
    (event['body'] === null || optional(event['body'], 'string')) &&
    optional(event['isBase64Encoded'], 'boolean') &&
    (context === undefined || (isRecord(context) && optional(context['domainName'], 'string'))) &&
    (http === undefined || (isRecord(http) && typeof http['method'] === 'string' && optional(http['sourceIp'], 'string')))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function optional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || typeof value === type;
}

function isStringMap(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    const v = value[key];
    if (v !== undefined && v !== null && typeof v !== 'string') return false;
  }
  return true;
}

/** Read off the raw event, before the schema: a 10 MB body is refused without being looked at twice. */
function refuseOversized(event: unknown, { maxBodyBytes, maxQueryBytes }: RequestLimits): void {
  const e = (event ?? {}) as { body?: unknown; rawQueryString?: unknown; isBase64Encoded?: unknown };
  if (typeof e.body === 'string') {
    // base64 inflates by 4/3; compare the decoded size the parser would see.
    // UTF-8 takes at least a byte per UTF-16 unit: a text longer than the limit is refused without being scanned.
    const bytes = e.isBase64Encoded
      ? Math.floor((e.body.length * 3) / 4)
      : e.body.length > maxBodyBytes
        ? e.body.length
        : Buffer.byteLength(e.body);
    if (bytes > maxBodyBytes) throw new RequestTooLargeError('body', maxBodyBytes);
  }
  if (typeof e.rawQueryString === 'string' && e.rawQueryString.length > maxQueryBytes) {
    throw new RequestTooLargeError('query', maxQueryBytes);
  }
}

function lowercaseKeys(map: Record<string, string | null | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) if (v != null) out[k.toLowerCase()] = v;
  return out;
}

/**
 * This route's public URL, to pivot back to: API Gateway's domain and the path
 * the request came in on, never the query string (it holds the token and Kazoo's
 * parameters). API Gateway only speaks https; the local server says which it uses.
 */
export function routeUrlOf(request: HttpRequest, scheme: 'https' | 'http' = 'https'): string {
  return `${scheme}://${request.host ?? 'localhost'}${request.path}`;
}

/** lib's answer as the structured result API Gateway turns into HTTP. */
export function httpApiResultOf(answer: HttpAnswer): APIGatewayProxyStructuredResultV2 {
  return { statusCode: answer.statusCode, headers: { ...answer.headers }, body: answer.body };
}
