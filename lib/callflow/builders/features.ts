/**
 * Builders for voicemail, manual_presence, eavesdrop, group_pickup, intercept,
 * hotdesk, call_forward, do_not_disturb, directory, disa.
 */
import type { CallflowNode } from '../callflowNode';
import type {
  CallForwardData,
  DisaData,
  DoNotDisturbData,
  EavesdropData,
  GroupPickupData,
  HotdeskData,
  InterceptData,
  ManualPresenceData,
  VoicemailData,
} from '../modules/features';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

/** `id` is the voicemail box id: Kazoo requires exactly 32 characters. */
export function voicemail(id: string, options?: CamelOptions<Omit<VoicemailData, 'id'>>, children?: Children): CallflowNode {
  return buildNode('voicemail', { id, ...toKazooFields(options) }, children);
}

export function manualPresence(
  presenceId: string,
  status?: ManualPresenceData['status'],
  children?: Children,
): CallflowNode {
  return buildNode('manual_presence', toKazooFields({ presenceId, status }), children);
}

export function eavesdrop(options?: CamelOptions<EavesdropData>, children?: Children): CallflowNode {
  return buildNode('eavesdrop', toKazooFields(options), children);
}

export function groupPickup(options?: CamelOptions<GroupPickupData>, children?: Children): CallflowNode {
  return buildNode('group_pickup', toKazooFields(options), children);
}

export function intercept(options?: CamelOptions<InterceptData>, children?: Children): CallflowNode {
  return buildNode('intercept', toKazooFields(options), children);
}

export function hotdesk(
  action: HotdeskData['action'],
  options?: CamelOptions<Omit<HotdeskData, 'action'>>,
  children?: Children,
): CallflowNode {
  return buildNode('hotdesk', toKazooFields({ action, ...options }), children);
}

export function callForward(action: CallForwardData['action'], children?: Children): CallflowNode {
  return buildNode('call_forward', toKazooFields({ action }), children);
}

export function doNotDisturb(
  action: DoNotDisturbData['action'],
  options?: CamelOptions<Omit<DoNotDisturbData, 'action'>>,
  children?: Children,
): CallflowNode {
  return buildNode('do_not_disturb', toKazooFields({ action, ...options }), children);
}

export function directory(id: string, children?: Children): CallflowNode {
  return buildNode('directory', { id }, children);
}

export function disa(options?: CamelOptions<DisaData>, children?: Children): CallflowNode {
  return buildNode('disa', toKazooFields(options), children);
}
