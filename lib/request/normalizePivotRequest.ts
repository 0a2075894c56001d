import { InvalidRequestError } from '../errors';
import { parseFormPairs } from './decodeFormComponent';
import { expandBracketParams, sanitizeJsonParams, splitBracketKey, isForbiddenPath, PLAIN_MEMBER } from './expandBracketParams';
import { MAX_PARAMETERS, ParameterBudget } from './parameterBudget';
import { FAILOVER_PARAMETERS, failoverOf } from './failoverParameters';
import { CONTROL_PARAMETERS, PIVOT_PARAMETER_NAMES, type PivotScalarField } from './pivotParameterNames';
import { mediaTypeOf, type HttpRequest } from './httpRequest';
import type { PivotRequest } from './pivotRequest';

type Params = Record<string, unknown>;

export type NormalizeOptions = {
  /** Which parameter names carry each field, first found wins; default: Kazoo's, then TwiML's. */
  parameterNames?: Readonly<Record<PivotScalarField, readonly string[]>>;
  /** Parameters accepted, query string and body together (ParameterBudget); default MAX_PARAMETERS. */
  maxParameters?: number;
};

/**
 * Turns one HTTP request (GET query, POST form or POST JSON) into one validated
 * PivotRequest. The query string and a form body go through the same parser,
 * so a parameter reads the same whichever way Kazoo sent it.
 * Throws InvalidRequestError naming the field when the request cannot be read.
 */
export function normalizePivotRequest(input: HttpRequest, options: NormalizeOptions = {}): PivotRequest {
  const method = input.method === 'POST' ? 'POST' : input.method === 'GET' ? 'GET' : undefined;
  if (!method) throw new InvalidRequestError(`method ${input.method} is not GET or POST`, 'method');

  const budget = new ParameterBudget(options.maxParameters ?? MAX_PARAMETERS);
  const query = expandBracketParams(parseFormPairs(input.rawQuery, budget));
  const { params: bodyParams, bodyFormat } = readBody(input, budget);
  // Body parameters win: on POST the query string holds only the voice_url's own. Our own
  // control parameters (token, step, signature, failover) are never Kazoo's parameters.
  const params: Params = Object.create(null);
  for (const key in query) if (!OWN_PARAMETERS.has(key)) params[key] = query[key];
  for (const key in bodyParams) if (!OWN_PARAMETERS.has(key)) params[key] = bodyParams[key];
  const token = textOf(query[CONTROL_PARAMETERS.token]);
  const step = textOf(query[CONTROL_PARAMETERS.step]);
  const followUp = {
    exp: textOf(query[CONTROL_PARAMETERS.exp]),
    sig: textOf(query[CONTROL_PARAMETERS.sig]),
    ver: textOf(query[CONTROL_PARAMETERS.ver]),
  };
  const failover = failoverOf(textOf(query[FAILOVER_PARAMETERS.failover]), textOf(query[FAILOVER_PARAMETERS.hop]));

  const scalars: Partial<Record<PivotScalarField, string>> = {};
  for (const [field, names] of Object.entries(options.parameterNames ?? PIVOT_PARAMETER_NAMES) as [PivotScalarField, readonly string[]][]) {
    const value = firstText(params, names, field);
    if (value !== undefined) scalars[field] = value;
  }
  if (scalars.callId === undefined) {
    throw new InvalidRequestError('missing Call-ID (Kazoo "Call-ID" or TwiML "CallSid")', 'Call-ID');
  }
  const dialect = firstText(params, ['Call-ID'], 'callId') !== undefined ? 'kazoo' : 'twiml';

  // Built field by field from values this function checked, so it is a PivotRequest by
  // construction: parsing it again with pivotRequestSchema cost a third of a warm
  // request's CPU. test/reliability/fuzzNormalizer.test.ts parses every output with it.
  // The scalars are merged by Object.assign, not spread at the head of this literal: that
  // spread made V8 build the object the slow way, 60 µs of a 75 µs normalization (bench).
  const fields: PivotRequest = {
    callId: scalars.callId,
    dialect,
    method,
    bodyFormat: method === 'GET' ? 'query' : bodyFormat,
    routeId: input.routeId,
    step,
    token,
    followUp,
    failover,
    userIds: listOf(params['User-ID'], 'User-ID'),
    digits: digitsOf(params['Digits']),
    customApplicationVars: textMapOf(params['Custom-Application-Vars'], 'Custom-Application-Vars'),
    customSipHeaders: textMapOf(params['Custom-SIP-Headers'], 'Custom-SIP-Headers'),
    params: { ...params },
  };
  return Object.assign({}, scalars, fields);
}

const OWN_PARAMETERS: ReadonlySet<string> = new Set([...Object.values(CONTROL_PARAMETERS), ...Object.values(FAILOVER_PARAMETERS)]);

function readBody(input: HttpRequest, budget: ParameterBudget): { params: Params; bodyFormat: 'form' | 'json' | 'query' } {
  const text = input.body;
  if (text === undefined || text === '') return { params: {}, bodyFormat: 'query' };
  const type = mediaTypeOf(input.headers) ?? sniffMediaType(text);
  if (type === 'application/json' || type?.endsWith('+json')) return { params: parseJsonBody(text, budget), bodyFormat: 'json' };
  if (type === 'application/x-www-form-urlencoded') {
    return { params: expandBracketParams(parseFormPairs(text, budget)), bodyFormat: 'form' };
  }
  throw new InvalidRequestError(`unsupported Content-Type "${type}" (Kazoo sends form or JSON)`, 'content-type');
}

function sniffMediaType(text: string): string {
  return text.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
}

function parseJsonBody(text: string, budget: ParameterBudget): Params {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InvalidRequestError('body is not valid JSON', 'body', { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestError('JSON body must be an object of parameters', 'body');
  }
  return sanitizeJsonParams(value, budget) as Params;
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
    // The plain value of a key also sent with members (`k=x&k[a]=1`) is no member of the map.
    if (k === PLAIN_MEMBER || isForbiddenPath(splitBracketKey(k))) continue;
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
  // Both forms at once (`Digits[account]=1&Digits=9`): every collection stays, and the
  // plain value is `default`'s, as when it comes alone; it is also the latest.
  const plain = textOf((value as Record<string, unknown>)[PLAIN_MEMBER]) || undefined;
  if (plain !== undefined) collections['default'] = plain;
  const names = Object.keys(collections);
  const last = names[names.length - 1];
  return { collections, latest: plain ?? (last === undefined ? undefined : collections[last]), form: 'collections' };
}
