/** Builders for pivot, callflow, response, hangup, sleep, set_variables, temporal_route, webhook. */
import type { CallflowNode } from '../callflowNode';
import type {
  PivotData,
  ResponseData,
  SetVariablesData,
  SleepData,
  TemporalRouteData,
  WebhookData,
} from '../modules/callControl';
import { buildNode, toKazooFields, type CamelOptions, type Children } from './buildNode';

/** Hands the call to another pivot request; its `_` child runs only if that request fails. */
export function pivot(options: CamelOptions<PivotData>, children?: Children): CallflowNode {
  return buildNode('pivot', toKazooFields(options), children);
}

/** Continues in another stored callflow. */
export function callflow(id: string, children?: Children): CallflowNode {
  return buildNode('callflow', { id }, children);
}

/** Answers the call with a SIP response, e.g. `response(486, 'Busy Here')`. */
export function response(
  code: ResponseData['code'],
  message?: string,
  options?: CamelOptions<Omit<ResponseData, 'code' | 'message'>>,
  children?: Children,
): CallflowNode {
  return buildNode('response', toKazooFields({ code, message, ...options }), children);
}

export function hangup(): CallflowNode {
  return buildNode('hangup', {});
}

export function sleep(duration: SleepData['duration'], unit?: SleepData['unit'], children?: Children): CallflowNode {
  return buildNode('sleep', toKazooFields({ duration, unit }), children);
}

/** Values come back on later Kazoo-format requests as `Custom-Application-Vars[key]`. */
export function setVariables(
  vars: SetVariablesData['custom_application_vars'],
  options?: CamelOptions<Omit<SetVariablesData, 'custom_application_vars'>>,
  children?: Children,
): CallflowNode {
  return buildNode('set_variables', { custom_application_vars: vars, ...toKazooFields(options) }, children);
}

/** Children are keyed by temporal rule id (the matching rule's branch) plus `_` for no match. */
export function temporalRoute(options?: CamelOptions<TemporalRouteData>, children?: Children): CallflowNode {
  return buildNode('temporal_route', toKazooFields(options), children);
}

export function webhook(
  uri: NonNullable<WebhookData['uri']>,
  options?: CamelOptions<Omit<WebhookData, 'uri'>>,
  children?: Children,
): CallflowNode {
  return buildNode('webhook', { uri, ...toKazooFields(options) }, children);
}
