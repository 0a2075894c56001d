/**
 * Builders for the nodes this project emits itself: an IVR step's prompt
 * (tts or play), its collect_dtmf and the pivot back to us. Options are
 * camelCase so calling code reads like the rest of the project; the data they
 * emit carries Kazoo's exact field names, in the order the options were given
 * (the answers are compared byte for byte).
 */
import type { CallflowNode } from './callflowNode';
import type { CallflowModule } from './moduleDataSchemas';
import type { PivotData } from './modules/callControl';
import type { CollectDtmfData } from './modules/digits';
import type { PlayData, TtsData } from './modules/media';

/** Branches of a node: `_` is the default one; others are named (menu digits, temporal rule ids...). */
export type Children = Record<string, CallflowNode>;

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A module's data fields under camelCase names; nested objects keep Kazoo's own shape. */
export type CamelOptions<Data> = { [K in keyof Data as K extends string ? CamelCase<K> : never]: Data[K] };

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Top-level keys only (nested values are Kazoo's as given); options left
 * undefined are left out. `renamed` names the fields whose option name is not
 * simply the camelCase of Kazoo's.
 */
export function toKazooFields(options: object | undefined, renamed: Record<string, string> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) data[Object.hasOwn(renamed, key) ? renamed[key]! : snakeCase(key)] = value;
  }
  return data;
}

function buildNode(module: CallflowModule, data: Record<string, unknown>, children?: Children): CallflowNode {
  return children === undefined ? { module, data } : { module, data, children };
}

export function tts(text: string, options?: CamelOptions<Omit<TtsData, 'text'>>, children?: Children): CallflowNode {
  return buildNode('tts', { text, ...toKazooFields(options) }, children);
}

/** `mediaId` is a media document id or a URL Kazoo can fetch. */
export function play(mediaId: string, options?: CamelOptions<Omit<PlayData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('play', { id: mediaId, ...toKazooFields(options) }, children);
}

/**
 * Kazoo names the first-digit wait `timeout` and the gap `interdigit_timeout`,
 * both in milliseconds; the option names say so.
 */
export type CollectDtmfOptions = CamelOptions<Omit<CollectDtmfData, 'timeout' | 'interdigit_timeout'>> & {
  timeoutMs?: CollectDtmfData['timeout'];
  interdigitTimeoutMs?: CollectDtmfData['interdigit_timeout'];
};

const COLLECT_DTMF_FIELDS = { timeoutMs: 'timeout', interdigitTimeoutMs: 'interdigit_timeout' };

/** Stores the digits under `collectionName`; the next Kazoo-format request carries them in `Digits`. */
export function collectDtmf(options: CollectDtmfOptions = {}, children?: Children): CallflowNode {
  return buildNode('collect_dtmf', toKazooFields(options, COLLECT_DTMF_FIELDS), children);
}

/** Hands the call to another pivot request; its `_` child runs only if that request fails. */
export function pivot(options: CamelOptions<PivotData>, children?: Children): CallflowNode {
  return buildNode('pivot', toKazooFields(options), children);
}
