/** Builders for tts, play, record_call, send_dtmf, language. */
import type { CallflowNode } from '../callflowNode';
import type { LanguageData, PlayData, RecordCallData, SendDtmfData, TtsData } from '../modules/media';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

export function tts(text: string, options?: CamelOptions<Omit<TtsData, 'text'>>, children?: Children): CallflowNode {
  return buildNode('tts', { text, ...toKazooFields(options) }, children);
}

/** `mediaId` is a media document id or a URL Kazoo can fetch. */
export function play(mediaId: string, options?: CamelOptions<Omit<PlayData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('play', { id: mediaId, ...toKazooFields(options) }, children);
}

export function recordCall(
  action: RecordCallData['action'],
  options?: CamelOptions<Omit<RecordCallData, 'action'>>,
  children?: Children,
): CallflowNode {
  return buildNode('record_call', { action, ...toKazooFields(options) }, children);
}

export function sendDtmf(
  digits: string,
  options?: CamelOptions<Omit<SendDtmfData, 'digits'>>,
  children?: Children,
): CallflowNode {
  return buildNode('send_dtmf', { digits, ...toKazooFields(options) }, children);
}

/** `language('en-US')`: prompts after this node use that language. */
export function language(tag: LanguageData['language'], children?: Children): CallflowNode {
  return buildNode('language', { language: tag }, children);
}
