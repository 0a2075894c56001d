import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { AuthError, FollowUpRefusedError } from '../errors';
import { CONTROL_PARAMETERS } from '../request/pivotParameterNames';

/**
 * Credentials that need no storage: every route's token, and every follow-up
 * URL's signature, is an HMAC-SHA256 of what it opens under a key kept in
 * Secrets Manager. A token opens its own route only; a signature ties an IVR
 * step's follow-up URL to one route, Call-ID and step until it expires.
 * `current` makes every new credential; `previous`, while set, is still
 * accepted, so keys rotate without breaking the voice_urls in Kazoo callflows.
 */

/** Shorter keys are refused: a guessable key would let anyone derive every route's token. */
export const MIN_ROUTE_KEY_CHARS = 16;

const routeKey = z.string().min(MIN_ROUTE_KEY_CHARS, `a route key must have at least ${MIN_ROUTE_KEY_CHARS} characters`);

/** The key secret's JSON: `{"current": "…", "previous": "…"}`, `previous` only during a rotation. */
export const routeKeysSchema = z.object({ current: routeKey, previous: routeKey.optional() });

export type RouteKeys = z.infer<typeof routeKeysSchema>;

/** 32 base64url characters: 192 bits of the HMAC, out of reach of guessing, short enough for a URL. */
const CREDENTIAL_CHARS = 32;

function mac(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url').slice(0, CREDENTIAL_CHARS);
}

/** The token of one route under one key: what its voice_url carries as `?token=`. */
export function routeToken(key: string, routeId: string): string {
  return mac(key, `route:${routeId}`);
}

/** Checks `?token=` against this route's token under each active key, in constant time, before anything is read. */
export function verifyRouteToken(given: string | undefined, routeId: string, keys: RouteKeys): void {
  if (given === undefined || given === '') throw new AuthError('missing_token', 'the voice_url has no token parameter');
  if (!matchesAnyDigest(given, expectedTokenDigests(keys, routeId)))
    throw new AuthError('invalid_token', 'the token does not open this route');
}

/*
 * A route's tokens depend only on the keys and its id: their digests are derived once
 * per container and key set (two HMACs and a hash were a tenth of a warm request),
 * bounded by MAX_REMEMBERED_ROUTES. A rotated key set is a new object, so nothing
 * derived from the old keys is reused. The given token is still hashed and compared
 * in constant time with each, as before.
 */
const MAX_REMEMBERED_ROUTES = 10_000;
const digestsByKeys = new WeakMap<RouteKeys, Map<string, readonly Buffer[]>>();

function expectedTokenDigests(keys: RouteKeys, routeId: string): readonly Buffer[] {
  let byRoute = digestsByKeys.get(keys);
  if (!byRoute) {
    byRoute = new Map();
    digestsByKeys.set(keys, byRoute);
  }
  let digests = byRoute.get(routeId);
  if (!digests) {
    digests = activeKeys(keys).map((key) => sha256(routeToken(key, routeId)));
    if (byRoute.size >= MAX_REMEMBERED_ROUTES) byRoute.clear();
    byRoute.set(routeId, digests);
  }
  return digests;
}

/** What a follow-up URL is bound to. */
export type FollowUpClaim = {
  routeId: string;
  callId: string;
  step: string /** The route version the call runs (versioned routes). */;
  version?: number;
};

/**
 * The signature of a follow-up URL. The message is a JSON array, so no Call-ID
 * (which the caller's side chooses) can shift a boundary between fields, and its
 * "step" tag keeps it apart from the route tokens' `route:` messages.
 */
export function followUpSignature(key: string, claim: FollowUpClaim, expiresAt: number): string {
  const fields = ['step', claim.routeId, claim.callId, claim.step, expiresAt];
  // Unversioned routes sign exactly what they signed before versions existed.
  return mac(key, JSON.stringify(claim.version === undefined ? fields : [...fields, claim.version]));
}

/** When a follow-up URL signed at `now` stops being accepted, in epoch seconds. */
export function followUpExpiry(now: Date, ttlSeconds: number): number {
  return Math.floor(now.getTime() / 1000) + ttlSeconds;
}

/**
 * The query string of an IVR step's follow-up URL for this call: the route's
 * token and the step's signature, both made with the current key (a call that
 * started on a previous-key URL moves to the current key at its first prompt).
 */
export function followUpQuery(
  keys: RouteKeys,
  call: { routeId: string; callId: string; version?: number },
  expiresAt: number,
): (step: string) => Record<string, string> {
  // Built for every request, used only when an answer prompts: the token is derived on first use.
  let token: string | undefined;
  return (step) => {
    token ??= routeToken(keys.current, call.routeId);
    return {
      [CONTROL_PARAMETERS.token]: token,
      [CONTROL_PARAMETERS.step]: step,
      [CONTROL_PARAMETERS.exp]: String(expiresAt),
      [CONTROL_PARAMETERS.sig]: followUpSignature(keys.current, { ...call, step }, expiresAt),
      ...(call.version === undefined ? {} : { [CONTROL_PARAMETERS.ver]: String(call.version) }),
    };
  };
}

/** At most 12 digits: any epoch second this service will see, and no float or exponent spelling. */
const EPOCH_SECONDS = /^\d{1,12}$/;
/** A route version number as we write it: no sign, no leading zero, no exponent. */
const VERSION = /^[1-9]\d{0,8}$/;

/**
 * Accepts a follow-up only with a signature, under an active key, for this
 * route, Call-ID, step and route version (`ver`, when present), that has not
 * expired; returns that version: the one the call started on. The signature is checked
 * before the expiry, so a forged URL never learns whether its time was right.
 */
export function verifyFollowUp(
  given: { exp?: string; sig?: string; ver?: string },
  claim: FollowUpClaim,
  keys: RouteKeys,
  now: Date,
): number | undefined {
  if (!given.sig || !given.exp)
    throw new FollowUpRefusedError('unsigned', `the follow-up URL of step "${claim.step}" carries no signature`);
  if (!EPOCH_SECONDS.test(given.exp)) throw new FollowUpRefusedError('forged', 'the follow-up URL has no valid expiry');
  if (given.ver !== undefined && !VERSION.test(given.ver))
    throw new FollowUpRefusedError('forged', 'the follow-up URL has no valid version');
  const expiresAt = Number(given.exp);
  const version = given.ver === undefined ? undefined : Number(given.ver);
  const expected = activeKeys(keys).map((key) => followUpSignature(key, { ...claim, version }, expiresAt));
  if (!matchesAny(given.sig, expected)) {
    throw new FollowUpRefusedError('forged', `the follow-up signature is not for this route, call and step "${claim.step}"`);
  }
  const overdue = Math.floor(now.getTime() / 1000) - expiresAt;
  if (overdue >= 0) throw new FollowUpRefusedError('expired', `the follow-up URL of step "${claim.step}" expired ${overdue} s ago`);
  return version;
}

function activeKeys(keys: RouteKeys): string[] {
  return keys.previous === undefined ? [keys.current] : [keys.current, keys.previous];
}

/**
 * Constant time: both sides are hashed to 32 bytes first, so neither the length
 * nor the position of the first difference shows, and every active key is
 * compared (no early exit on a match) so timing does not say which key matched.
 */
function matchesAny(given: string, expected: readonly string[]): boolean {
  return matchesAnyDigest(given, expected.map(sha256));
}

function matchesAnyDigest(given: string, expected: readonly Buffer[]): boolean {
  const digest = sha256(given);
  let matched = false;
  for (const candidate of expected) matched = timingSafeEqual(digest, candidate) || matched;
  return matched;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
