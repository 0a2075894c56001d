/** Builders for modules that ring someone: device, user, group, ring_group, page_group, resources. */
import type { CallflowNode } from '../callflowNode';
import type {
  DeviceData,
  GroupData,
  GroupEndpoint,
  PageGroupData,
  ResourcesData,
  RingGroupData,
  UserData,
} from '../modules/bridging';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

export function device(id: string, options?: CamelOptions<Omit<DeviceData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('device', { id, ...toKazooFields(options) }, children);
}

export function user(id: string, options?: CamelOptions<Omit<UserData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('user', { id, ...toKazooFields(options) }, children);
}

export function group(id: string, options?: CamelOptions<Omit<GroupData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('group', { id, ...toKazooFields(options) }, children);
}

/** One ring/page group member, always in the object form Kazoo's schema requires. */
export function groupEndpoint(
  endpointType: GroupEndpoint['endpoint_type'],
  id: string,
  options?: CamelOptions<Omit<GroupEndpoint, 'id' | 'endpoint_type'>>,
): GroupEndpoint {
  return { id, endpoint_type: endpointType, ...toKazooFields(options) };
}

export function ringGroup(
  endpoints: GroupEndpoint[],
  options?: CamelOptions<Omit<RingGroupData, 'endpoints'>>,
  children?: Children,
): CallflowNode {
  return buildNode('ring_group', { endpoints, ...toKazooFields(options) }, children);
}

export function pageGroup(
  endpoints: GroupEndpoint[],
  audio: PageGroupData['audio'],
  options?: CamelOptions<Omit<PageGroupData, 'endpoints' | 'audio'>>,
  children?: Children,
): CallflowNode {
  return buildNode('page_group', { audio, endpoints, ...toKazooFields(options) }, children);
}

/** Out to a carrier: `resources({ toDid: '+14155550123', useLocalResources: false })`. */
export function resources(options?: CamelOptions<ResourcesData>, children?: Children): CallflowNode {
  return buildNode('resources', toKazooFields(options), children);
}
