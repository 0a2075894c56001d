/** Builders for collect_dtmf, flush_dtmf, menu. */
import type { CallflowNode } from '../callflowNode';
import type { CollectDtmfData, FlushDtmfData, MenuData } from '../modules/digits';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

/**
 * Kazoo names the first-digit wait `timeout` and the gap `interdigit_timeout`,
 * both in milliseconds; the option names say so.
 */
export type CollectDtmfOptions = CamelOptions<Omit<CollectDtmfData, 'timeout' | 'interdigit_timeout'>> & {
  timeoutMs?: CollectDtmfData['timeout'];
  interdigitTimeoutMs?: CollectDtmfData['interdigit_timeout'];
};

/** Stores the digits under `collectionName`; the next Kazoo-format request carries them in `Digits`. */
export function collectDtmf(options: CollectDtmfOptions = {}, children?: Children): CallflowNode {
  const { timeoutMs, interdigitTimeoutMs, ...rest } = options;
  return buildNode(
    'collect_dtmf',
    toKazooFields({ ...rest, timeout: timeoutMs, interdigitTimeout: interdigitTimeoutMs }),
    children,
  );
}

export function flushDtmf(options?: CamelOptions<FlushDtmfData>, children?: Children): CallflowNode {
  return buildNode('flush_dtmf', toKazooFields(options), children);
}

/** A Kazoo menu document; its branches are the digits (`'1'`, `'2'`...) plus `_`. */
export function menu(id: string, options?: CamelOptions<Omit<MenuData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('menu', { id, ...toKazooFields(options) }, children);
}
