import { callStateSchema, type CallState } from '../../lib/calls/callState';
import type { FieldIssue } from '../../lib/errors';
import { bool, num, str, strList, strMap, unwrapItem, type DynamoItem } from './attributeValues';
import { callKey, TTL_ATTRIBUTE } from './pivotTableKeys';

/**
 * What a write must find in the table for it to go through. The version is kept as
 * DynamoDB's number text so an odd stored value is compared exactly as stored.
 */
export type WriteExpectation =
  | { kind: 'absent' }
  | { kind: 'version'; version: string }
  /** A follow-up decided on the state its URL carried: that version, still live (not ended, not expired). */
  | { kind: 'live-version'; version: string }
  /** An unreadable item whose `version` is missing or not a number. */
  | { kind: 'unversioned' };

/** A call-state item as read, before any rule about expiry or ending is applied. */
export type StoredCallState =
  | { kind: 'missing'; expect: WriteExpectation }
  | { kind: 'invalid'; expect: WriteExpectation; storedVersion: number; issues: FieldIssue[] }
  | { kind: 'valid'; expect: WriteExpectation; state: CallState };

export function callStateToItem(state: CallState): DynamoItem {
  const item: DynamoItem = {
    ...callKey(state),
    callId: str(state.callId),
    routeId: str(state.routeId),
    attempts: num(state.attempts),
    digits: strMap(state.digits),
    vars: strMap(state.vars),
    path: strList(state.path),
    version: num(state.version),
    updatedAt: num(state.updatedAt),
    [TTL_ATTRIBUTE]: num(state.expiresAt),
  };
  if (state.step !== undefined) item.step = str(state.step);
  if (state.outcome !== undefined) item.outcome = str(state.outcome);
  // Always written, false included: the follow-up's write condition then tests it without attribute_not_exists (dynamoCallStateStore.ts).
  item.ended = bool(state.ended ?? false);
  return item;
}

export function readCallStateItem(item: DynamoItem | undefined): StoredCallState {
  if (!item) return { kind: 'missing', expect: { kind: 'absent' } };
  const versionText = item.version?.N;
  const expect: WriteExpectation = versionText === undefined ? { kind: 'unversioned' } : { kind: 'version', version: versionText };
  // zod drops the attributes that are not CallState fields (pk).
  const fields = unwrapItem(item);
  // A live call's `ended: false` reads as no `ended` at all, as before the attribute was always written.
  if (fields['ended'] === false) delete fields['ended'];
  const parsed = callStateSchema.safeParse(fields);
  if (parsed.success) return { kind: 'valid', expect, state: parsed.data };
  const stored = Number(versionText);
  return {
    kind: 'invalid',
    expect,
    storedVersion: Number.isSafeInteger(stored) && stored >= 0 ? stored : 0,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}

/** The version a write replaces: the next one is this plus one. */
export function versionReplaced(stored: StoredCallState): number {
  if (stored.kind === 'valid') return stored.state.version;
  if (stored.kind === 'invalid') return stored.storedVersion;
  return 0;
}
