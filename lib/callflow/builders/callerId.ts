/** Builders for set_cid, dynamic_cid, prepend_cid, check_cid, cidlistmatch. */
import type { CallflowNode } from '../callflowNode';
import type {
  CheckCidData,
  DynamicCidData,
  PrependCidData,
  SetCidData,
} from '../modules/callerId';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

export function setCid(options: CamelOptions<SetCidData>, children?: Children): CallflowNode {
  return buildNode('set_cid', toKazooFields(options), children);
}

export function dynamicCid(options?: CamelOptions<DynamicCidData>, children?: Children): CallflowNode {
  return buildNode('dynamic_cid', toKazooFields(options), children);
}

export function prependCid(options?: CamelOptions<PrependCidData>, children?: Children): CallflowNode {
  return buildNode('prepend_cid', toKazooFields(options), children);
}

/** Branches `match` / `nomatch`, or with useAbsoluteMode the caller id number itself (else `_`). */
export function checkCid(options?: CamelOptions<CheckCidData>, children?: Children): CallflowNode {
  return buildNode('check_cid', toKazooFields(options), children);
}

/** Tests the caller against a stored CID list; branches `match` / `nomatch` (else `_`). */
export function cidListMatch(listId: string, children?: Children): CallflowNode {
  return buildNode('cidlistmatch', { id: listId }, children);
}
