/** Builder for the conference module. */
import type { CallflowNode } from '../callflowNode';
import type { ConferenceData } from '../modules/conference';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

/** `id` is a conference document id: Kazoo requires exactly 32 characters. */
export function conference(
  id: string,
  options?: CamelOptions<Omit<ConferenceData, 'id'>>,
  children?: Children,
): CallflowNode {
  return buildNode('conference', { id, ...toKazooFields(options) }, children);
}
