import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { lazySchema } from '../lazySchema';
import type { CallState } from '../calls/callState';
import type { CallflowNode } from '../callflow/callflowNode';
import { FollowUpRefusedError } from '../errors';
import { type FollowUpClaim, type RouteKeys, followUpSignature, verifyFollowUp } from './routeCredentials';

/**
 * # Sealed follow-ups: one DynamoDB call per IVR answer
 *
 * A follow-up must be decided on the call's state (the account number an earlier
 * step collected, how many times this step was asked). Reading it first costs a
 * GetItem before the write. Instead, the state written with a step's prompt travels
 * in that prompt's follow-up URL, in place of the plain signature: `sig` holds the
 * state sealed with AES-256-GCM under a key derived from the route key, its
 * additional data the same route, Call-ID, step and expiry the plain signature
 * binds. Kazoo echoes it back; the follow-up is decided on it and written with one
 * PutItem that expects exactly the version sealed. DynamoDB stays the record: a
 * URL used twice (a replay, or racing answers) finds another version there, and
 * that request is decided again on the stored state by read-modify-write.
 *
 * The digits are encrypted, not just signed: Kazoo logs voice_urls. A state too
 * large for a URL (many or long Custom-Application-Vars) keeps the plain signature
 * and its follow-up reads first.
 */

/** Past this much JSON the URL would grow beyond what proxies and Kazoo's logs take gladly: the plain signature instead. */
export const MAX_SEALED_STATE_BYTES = 1536;

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A plain signature's length (routeCredentials.ts); a sealed one is always longer (IV and tag alone take 38). */
const PLAIN_SIGNATURE_CHARS = 32;

/** What a follow-up needs of the state its prompt wrote; the rest of the item is the store's. Built on the first follow-up. */
const sealedStateSchema = lazySchema(() =>
  z.object({
    v: z.number().int().nonnegative(),
    a: z.number().int().nonnegative(),
    d: z.record(z.string(), z.string()),
    x: z.record(z.string(), z.string()),
    p: z.array(z.string()),
  }),
);

/** What an accepted follow-up URL carries: the state sealed in it (if any) and the route version its call runs (versioned routes). */
export type OpenedFollowUp = { sealed: SealedState | undefined; version: number | undefined };

/** The call state a sealed follow-up URL carries, as the store wrote it with the prompt. */
export type SealedState = Pick<CallState, 'version' | 'attempts' | 'digits' | 'vars' | 'path'>;

function sealingKey(routeKey: string): Buffer {
  return createHash('sha256').update(`pivot-follow-up-state\u0000${routeKey}`).digest();
}

function additionalData(claim: FollowUpClaim, expiresAt: number): Buffer {
  const fields = ['state', claim.routeId, claim.callId, claim.step, expiresAt];
  // The route version the call runs is bound like the plain signature binds it.
  return Buffer.from(JSON.stringify(claim.version === undefined ? fields : [...fields, claim.version]));
}

/** The `sig` for a step's follow-up URL carrying `state`; the plain signature when the state is too large to carry. */
export function sealFollowUp(keys: RouteKeys, claim: FollowUpClaim, expiresAt: number, state: SealedState): string {
  const plain = Buffer.from(JSON.stringify({ v: state.version, a: state.attempts, d: state.digits, x: state.vars, p: state.path }));
  if (plain.length > MAX_SEALED_STATE_BYTES) return followUpSignature(keys.current, claim, expiresAt);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(keys.current), iv);
  cipher.setAAD(additionalData(claim, expiresAt));
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64url');
}

/**
 * Accepts a follow-up exactly as verifyFollowUp does (unsigned, forged and expired
 * refused before anything is read) and returns the state it carries (undefined for a
 * plain signature) and the route version it names (`ver`, bound by either). A sealed value that does not open under an active key for
 * this route, Call-ID, step and expiry is forged.
 */
export function openFollowUp(
  given: { exp?: string; sig?: string; ver?: string },
  claim: FollowUpClaim,
  keys: RouteKeys,
  now: Date,
): OpenedFollowUp {
  if (!given.sig || given.sig.length <= PLAIN_SIGNATURE_CHARS) {
    return { sealed: undefined, version: verifyFollowUp(given, claim, keys, now) };
  }
  if (!given.exp || !/^\d{1,12}$/.test(given.exp)) throw new FollowUpRefusedError('forged', 'the follow-up URL has no valid expiry');
  if (given.ver !== undefined && !/^[1-9]\d{0,8}$/.test(given.ver))
    throw new FollowUpRefusedError('forged', 'the follow-up URL has no valid version');
  const expiresAt = Number(given.exp);
  const version = given.ver === undefined ? undefined : Number(given.ver);
  const state = unseal(given.sig, { ...claim, version }, expiresAt, keys);
  if (!state) throw new FollowUpRefusedError('forged', `the follow-up signature is not for this route, call and step "${claim.step}"`);
  const overdue = Math.floor(now.getTime() / 1000) - expiresAt;
  if (overdue >= 0) throw new FollowUpRefusedError('expired', `the follow-up URL of step "${claim.step}" expired ${overdue} s ago`);
  return { sealed: state, version };
}

function unseal(sig: string, claim: FollowUpClaim, expiresAt: number, keys: RouteKeys): SealedState | undefined {
  const sealed = Buffer.from(sig, 'base64url');
  if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
  for (const key of keys.previous === undefined ? [keys.current] : [keys.current, keys.previous]) {
    const plain = tryOpen(key, iv, tag, body, additionalData(claim, expiresAt));
    if (!plain) continue;
    const parsed = sealedStateSchema.safeParse(JSON.parse(plain));
    if (!parsed.success) return undefined;
    const { v, a, d, x, p } = parsed.data;
    return { version: v, attempts: a, digits: d, vars: x, path: p };
  }
  return undefined;
}

function tryOpen(key: string, iv: Buffer, tag: Buffer, body: Buffer, aad: Buffer): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(key), iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The answer with its step prompt's follow-up URL carrying `sealedSig` instead of
 * `plainSig`. Only pivot nodes whose voice_url holds our plain signature change;
 * nothing else in the tree is copied.
 */
export function withSealedSignature(node: CallflowNode, plainSig: string, sealedSig: string): CallflowNode {
  if (plainSig === sealedSig) return node;
  const url = node.data['voice_url'];
  const needle = `sig=${plainSig}`;
  const data =
    node.module === 'pivot' && typeof url === 'string' && url.includes(needle)
      ? { ...node.data, voice_url: url.replace(needle, `sig=${sealedSig}`) }
      : node.data;
  let children = node.children;
  if (children) {
    for (const [branch, child] of Object.entries(children)) {
      const sealed = withSealedSignature(child, plainSig, sealedSig);
      if (sealed !== child) children = { ...children, [branch]: sealed };
    }
  }
  return data === node.data && children === node.children ? node : { ...node, data, ...(children ? { children } : {}) };
}
