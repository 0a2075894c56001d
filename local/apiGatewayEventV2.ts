import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { MatchedRoute } from './httpRoutes';

/** What the local server read off the socket, before API Gateway's rewriting. */
export type RawHttpRequest = {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  target: string;
  /** Node's rawHeaders: name, value, name, value… in the order sent. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
  receivedAt: Date;
};

/**
 * An HTTP API (payload format 2.0) event, built the way API Gateway builds it:
 * header names lowercased and repeats joined with commas, cookies moved to
 * `cookies`, the query string kept raw in `rawQueryString` (and decoded in
 * `queryStringParameters`), and a body that is not JSON or text base64-encoded
 * with `isBase64Encoded: true`, which is what a form POST from Kazoo looks like.
 * `domainName` is the public host IVR prompts pivot back to (see publicOrigin.ts).
 */
export function apiGatewayEventV2(request: RawHttpRequest, route: MatchedRoute, domainName: string): APIGatewayProxyEventV2 {
  const { headers, cookies } = headersOf(request.rawHeaders);
  const queryStart = request.target.indexOf('?');
  const rawPath = queryStart < 0 ? request.target : request.target.slice(0, queryStart);
  const rawQueryString = queryStart < 0 ? '' : request.target.slice(queryStart + 1);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(rawQueryString !== '' && { queryStringParameters: decodedQuery(rawQueryString) }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomBytes(12).toString('base64url'),
      routeKey: route.routeKey,
      stage: '$default',
      time: accessLogTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(route.pathParameters && { pathParameters: route.pathParameters }),
    isBase64Encoded: false,
  };
  if (request.body.length > 0) {
    const asText = isTextMediaType(headers['content-type']);
    event.body = asText ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !asText;
  }
  return event;
}

function headersOf(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

function decodedQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
  return out;
}

/** JSON and text arrive as they are; everything else (forms included) is treated as binary. */
export function isTextMediaType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return false;
  return (
    type.startsWith('text/') || type === 'application/json' || type.endsWith('+json') || type === 'application/xml' || type.endsWith('+xml')
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `24/Nov/2026:17:00:00 +0000`, API Gateway's requestContext.time. */
function accessLogTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`;
}
