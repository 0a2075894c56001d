import { type CallflowPolicy, KAZOO_CALLFLOW_POLICY } from '../callflow/validateCallflow';
import { RouteValidationError } from '../errors';
import { parseRoute } from './parseRoute';
import type { Route } from './routeSchema';

/**
 * What a route source returns for a versioned route: the live document with its
 * version number, and the draft (`rules push --draft`) when there is one. Both sit
 * in the one item a live call reads, so choosing between them costs no extra read.
 * A source may also return a bare document (JSON text or an object): the older,
 * unversioned form.
 */
export class VersionedDocument {
  constructor(
    readonly document: unknown,
    readonly version: number | undefined,
    readonly draft?: { document: unknown; version: number },
  ) {}
}

/**
 * The stored route, parsed and checked: the live document (its version attached)
 * and its draft. Throws RouteValidationError when the live document is invalid; an
 * invalid draft is reported to `onInvalid` and dropped (test callers get the live one).
 */
export function parseStoredRoute(
  raw: unknown,
  routeId: string,
  policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY,
  onInvalid?: (error: RouteValidationError) => void,
): Route {
  if (!(raw instanceof VersionedDocument)) return parseDocument(raw, routeId, policy);
  const live = parseDocument(raw.document, routeId, policy);
  const draft = raw.draft && parseDraft(raw.draft, routeId, policy, onInvalid);
  // Onto the parsed route rather than spread into a copy: a spread literal with extra keys costs V8 a property dictionary.
  return Object.assign(live, { version: raw.version }, draft ? { draft } : {});
}

/** One version as stored (text or object), parsed and checked, its number attached. */
export function parseRouteVersion(raw: unknown, routeId: string, version: number, policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY): Route {
  return Object.assign(parseDocument(raw, routeId, policy), { version });
}

function parseDraft(
  draft: { document: unknown; version: number },
  routeId: string,
  policy: CallflowPolicy,
  onInvalid: ((error: RouteValidationError) => void) | undefined,
): Route | undefined {
  try {
    return parseRouteVersion(draft.document, routeId, draft.version, policy);
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    onInvalid?.(error);
    return undefined;
  }
}

function parseDocument(raw: unknown, routeId: string, policy: CallflowPolicy): Route {
  return parseRoute(typeof raw === 'string' ? parseJson(routeId, raw) : raw, routeId, policy);
}

function parseJson(routeId: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RouteValidationError(routeId, [{ path: '(document)', message: `not valid JSON: ${(cause as Error).message}` }], { cause });
  }
}
