import { DECIDED_BY_HEADER } from '../../lib/http/httpAnswer';
import { kazooQueryString, type KazooParams } from '../../lib/request/encodeKazooParams';

/** A pivot node's request settings, with Kazoo's schema defaults filled in. */
export type PivotSettings = {
  voiceUrl: string;
  method: 'get' | 'post';
  reqFormat: 'kazoo' | 'twiml';
  reqBodyFormat: 'form' | 'json';
  timeoutMs: number;
};

export type SentRequest = { method: 'GET' | 'POST'; url: string; contentType?: string; body?: string };

export type HttpOutcome =
  | { kind: 'response'; status: number; contentType?: string; body: string; decidedBy?: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'unreachable'; message: string };

/** Kazoo's default and ceiling for req_timeout_ms. */
export const KAZOO_TIMEOUT_MS = 5000;

/** Builds the request as Kazoo does: parameters after the voice_url's own query, or as the body. */
export function kazooRequest(settings: PivotSettings, params: KazooParams): SentRequest {
  if (settings.method === 'get') {
    const query = kazooQueryString(params);
    const separator = settings.voiceUrl.includes('?') ? '&' : '?';
    return { method: 'GET', url: query ? `${settings.voiceUrl}${separator}${query}` : settings.voiceUrl };
  }
  if (settings.reqBodyFormat === 'json') {
    return { method: 'POST', url: settings.voiceUrl, contentType: 'application/json', body: JSON.stringify(withoutEmpty(params)) };
  }
  return { method: 'POST', url: settings.voiceUrl, contentType: 'application/x-www-form-urlencoded', body: kazooQueryString(params) };
}

/** Sends it with Kazoo's timeout; Kazoo adds no headers of its own, `extraHeaders` is for the local clock only. */
export async function sendPivotRequest(
  request: SentRequest,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<HttpOutcome> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (request.contentType) headers['content-type'] = request.contentType;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    const body = await response.text();
    const decidedBy = response.headers.get(DECIDED_BY_HEADER) ?? undefined;
    return { kind: 'response', status: response.status, contentType: response.headers.get('content-type') ?? undefined, body, decidedBy };
  } catch (error) {
    // The signal, not the error's class, says it: fetch wraps the abort differently across Node versions.
    if (signal.aborted) return { kind: 'timeout', timeoutMs };
    return { kind: 'unreachable', message: describeFetchError(error) };
  }
}

// Kazoo's req_params drop empty values at the top level; nested objects go as they are.
function withoutEmpty(params: KazooParams): KazooParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: string } | undefined;
  return typeof cause?.code === 'string' ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : error.message;
}
