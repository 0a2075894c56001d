/** Builders for faxbox, receive_fax, fax_detect. */
import type { CallflowNode } from '../callflowNode';
import type { FaxboxData, FaxDetectData, ReceiveFaxData } from '../modules/fax';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

export function faxbox(id: string, options?: CamelOptions<Omit<FaxboxData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('faxbox', { id, ...toKazooFields(options) }, children);
}

export function receiveFax(options?: CamelOptions<ReceiveFaxData>, children?: Children): CallflowNode {
  return buildNode('receive_fax', toKazooFields(options), children);
}

/** Branches `ON_FAX` / `ON_VOICE` on what answered. */
export function faxDetect(options?: CamelOptions<FaxDetectData>, children?: Children): CallflowNode {
  return buildNode('fax_detect', toKazooFields(options), children);
}
