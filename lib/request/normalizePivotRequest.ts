import { InvalidRequestError } from '../errors';
import { mediaTypeOf, readHttpInput, type HttpInput } from './apiGatewayEvent';
import { parseFormPairs } from './decodeFormComponent';
import { expandBracketParams, sanitizeJsonParams, splitBracketKey, isForbiddenPath } from './expandBracketParams';
import { CONTROL_PARAMETERS, PIVOT_PARAMETER_NAMES, type PivotScalarField } from './pivotParameterNames';
import { pivotRequestSchema, type PivotRequest } from './pivotRequest';

type Params = Record<string, unknown>;

/**
 * Turns what API Gateway hands a Lambda (v1 or v2 event; GET query, POST form
 * or POST JSON, base64 or not) into one validated PivotRequest.
 * Throws InvalidRequestError naming the field when the request cannot be read.
 */
export function normalizePivotRequest(event: unknown): PivotRequest {
  const input = readHttpInput(event);
  const method = input.method === 'POST' ? 'POST' : input.method === 'GET' ? 'GET' : undefined;
  if (!method) throw new InvalidRequestError(`method ${input.method} is not GET or POST`, 'method');

  const query = expandBracketParams(input.queryPairs);
  const { params: bodyParams, bodyFormat } = readBody(input);
  // Body parameters win: on POST the query string holds only the voice_url's own.
  const params: Params = Object.assign(Object.create(null), query, bodyParams);
  const token = textOf(query[CONTROL_PARAMETERS.token]);
  const step = textOf(query[CONTROL_PARAMETERS.step]);
  delete params[CONTROL_PARAMETERS.token];
  delete params[CONTROL_PARAMETERS.step];

  const scalars: Partial<Record<PivotScalarField, string>> = {};
  for (const [field, names] of Object.entries(PIVOT_PARAMETER_NAMES) as [PivotScalarField, readonly string[]][]) {
    const value = firstText(params, names, field);
    if (value !== undefined) scalars[field] = value;
  }
  if (scalars.callId === undefined) {
    throw new InvalidRequestError('missing Call-ID (Kazoo "Call-ID" or TwiML "CallSid")', 'Call-ID');
  }
  const dialect = firstText(params, ['Call-ID'], 'callId') !== undefined ? 'kazoo' : 'twiml';

  const candidate = {
    ...scalars,
    dialect,
    method,
    bodyFormat: method === 'GET' ? 'query' : bodyFormat,
    routeId: input.pathParameters['route'],
    step,
    token,
    userIds: listOf(params['User-ID'], 'User-ID'),
    digits: digitsOf(params['Digits']),
    customApplicationVars: textMapOf(params['Custom-Application-Vars'], 'Custom-Application-Vars'),
    customSipHeaders: textMapOf(params['Custom-SIP-Headers'], 'Custom-SIP-Headers'),
    params: { ...params },
  };
  const parsed = pivotRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new InvalidRequestError(`invalid ${field}: ${issue.message}`, field);
  }
  return parsed.data;
}

function readBody(input: HttpInput): { params: Params; bodyFormat: 'form' | 'json' | 'query' } {
  const { body } = input;
  if (body === undefined || body === '') return { params: {}, bodyFormat: 'query' };
  // middy's urlencode parser may have run first: its output is a flat map of decoded keys.
  if (typeof body === 'object') return { params: expandFlatMap(body), bodyFormat: 'form' };

  const text = input.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  const type = mediaTypeOf(input.headers) ?? sniffMediaType(text);
  if (type === 'application/json' || type?.endsWith('+json')) return { params: parseJsonBody(text), bodyFormat: 'json' };
  if (type === 'application/x-www-form-urlencoded') {
    return { params: expandBracketParams(parseFormPairs(text)), bodyFormat: 'form' };
  }
  throw new InvalidRequestError(`unsupported Content-Type "${type}" (Kazoo sends form or JSON)`, 'content-type');
}

function sniffMediaType(text: string): string {
  return text.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
}

function parseJsonBody(text: string): Params {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InvalidRequestError('body is not valid JSON', 'body', { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestError('JSON body must be an object of parameters', 'body');
  }
  return sanitizeJsonParams(value) as Params;
}

function expandFlatMap(map: Record<string, unknown>): Params {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(map)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push([k, String(item)]);
  }
  return expandBracketParams(pairs);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A repeated control parameter: the voice_url's own comes first.
  if (Array.isArray(value)) return textOf(value[0]);
  return undefined;
}

function firstText(params: Params, names: readonly string[], field: string): string | undefined {
  for (const name of names) {
    const value = params[name];
    if (value === undefined || value === null || value === '') continue;
    const text = textOf(value);
    if (text === undefined) throw new InvalidRequestError(`${name} must be a single value`, name);
    if (field === 'callId' && text.trim() === '') continue;
    return text;
  }
  return undefined;
}

function listOf(value: unknown, name: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const text = textOf(item);
    if (text === undefined) throw new InvalidRequestError(`${name} must be a string or a list of strings`, name);
    return text;
  });
}

/** Objects of scalars to a map of strings; nested values keep their JSON text rather than vanish. */
function textMapOf(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestError(`${name} must be an object (${name}[key]=value)`, name);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isForbiddenPath(splitBracketKey(k))) continue;
    out[k] = textOf(v) ?? JSON.stringify(v);
  }
  return out;
}

function digitsOf(value: unknown): PivotRequest['digits'] {
  if (value === undefined || value === null || value === '') return { collections: {}, form: 'none' };
  const text = textOf(value);
  if (text !== undefined && !Array.isArray(value)) {
    return { collections: { default: text }, latest: text, form: 'string' };
  }
  const collections = textMapOf(value, 'Digits');
  const names = Object.keys(collections);
  const last = names[names.length - 1];
  return { collections, latest: last === undefined ? undefined : collections[last], form: 'collections' };
}
