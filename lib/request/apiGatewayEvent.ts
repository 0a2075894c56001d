import * as z from 'zod';
import { InvalidRequestError } from '../errors';
import { parseFormPairs } from './decodeFormComponent';

/**
 * The parts of an API Gateway event a Pivot request lives in, for both the
 * HTTP API (payload v2: `rawQueryString`, `requestContext.http.method`) and the
 * REST API (v1: `httpMethod`, `multiValueQueryStringParameters`).
 * The body may already be an object when middy's urlencode parser ran first.
 */
const stringMap = z.record(z.string(), z.string().nullish()).nullish();

export const apiGatewayEventSchema = z.object({
  version: z.string().optional(),
  rawQueryString: z.string().optional(),
  httpMethod: z.string().optional(),
  requestContext: z.looseObject({ http: z.looseObject({ method: z.string() }).optional() }).optional(),
  headers: stringMap,
  queryStringParameters: stringMap,
  multiValueQueryStringParameters: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
  pathParameters: stringMap,
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  isBase64Encoded: z.boolean().optional(),
});
export type ApiGatewayEvent = z.input<typeof apiGatewayEventSchema>;

export type HttpInput = {
  method: string;
  /** Header names lowercased: v1 events keep the client's case, v2 does not. */
  headers: Record<string, string>;
  /** Decoded query pairs in the order they came. */
  queryPairs: [string, string][];
  pathParameters: Record<string, string>;
  body: string | Record<string, unknown> | undefined;
  isBase64Encoded: boolean;
};

export function readHttpInput(event: unknown): HttpInput {
  const parsed = apiGatewayEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(`not an API Gateway event: ${issue?.message}`, issue?.path.join('.'));
  }
  const e = parsed.data;
  return {
    method: (e.requestContext?.http?.method ?? e.httpMethod ?? 'GET').toUpperCase(),
    headers: lowercaseKeys(e.headers),
    queryPairs: queryPairsOf(e),
    pathParameters: definedValues(e.pathParameters),
    body: e.body ?? undefined,
    isBase64Encoded: e.isBase64Encoded ?? false,
  };
}

function queryPairsOf(e: z.infer<typeof apiGatewayEventSchema>): [string, string][] {
  // The raw string is the only form that keeps Kazoo's exact encoding; v1 has none, so
  // its already-decoded multi-value map is the faithful fallback.
  if (e.rawQueryString !== undefined) return parseFormPairs(e.rawQueryString);
  const pairs: [string, string][] = [];
  if (e.multiValueQueryStringParameters) {
    for (const [k, values] of Object.entries(e.multiValueQueryStringParameters)) {
      for (const v of values ?? []) pairs.push([k, v]);
    }
    return pairs;
  }
  for (const [k, v] of Object.entries(e.queryStringParameters ?? {})) if (v != null) pairs.push([k, v]);
  return pairs;
}

function lowercaseKeys(map: Record<string, string | null | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) if (v != null) out[k.toLowerCase()] = v;
  return out;
}

function definedValues(map: Record<string, string | null | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) if (v != null) out[k] = v;
  return out;
}

/** The media type without parameters, lowercased: `Application/JSON; charset=UTF-8` → `application/json`. */
export function mediaTypeOf(headers: Record<string, string>): string | undefined {
  const raw = headers['content-type'];
  if (raw === undefined) return undefined;
  return raw.split(';')[0]!.trim().toLowerCase() || undefined;
}
