import * as z from 'zod';

/**
 * One HTTP request as lib reads it, whatever carried it (API Gateway's HTTP API
 * on the stack, node:http locally): the edge adapter (adapters/http) builds it,
 * so nothing under lib/ knows what a Lambda event looks like.
 */
export const httpRequestSchema = z.object({
  /** Uppercase: `GET`, `POST`. */
  method: z.string().min(1),
  /** The `{route}` path parameter, already decoded. */
  routeId: z.string().optional(),
  /** The path as requested, without the query string: `/pivot/main-number`. */
  path: z.string(),
  /** The host the caller used (API Gateway's domain): with `path`, the URL to pivot back to. */
  host: z.string().optional(),
  /** The query string exactly as sent, still percent-encoded: only it keeps Kazoo's encoding. */
  rawQuery: z.string(),
  /** Header names lowercased; repeated headers joined with commas. */
  headers: z.record(z.string(), z.string()),
  /** The body as UTF-8 text, base64 already decoded; absent when there was none. */
  body: z.string().optional(),
  /** The TCP peer's address as API Gateway saw it (requestContext.http.sourceIp): what a source allowlist checks. */
  sourceIp: z.string().optional(),
});

export type HttpRequest = z.infer<typeof httpRequestSchema>;

/** The media type without parameters, lowercased: `Application/JSON; charset=UTF-8` → `application/json`. */
export function mediaTypeOf(headers: Record<string, string>): string | undefined {
  const raw = headers['content-type'];
  if (raw === undefined) return undefined;
  return raw.split(';')[0]!.trim().toLowerCase() || undefined;
}
