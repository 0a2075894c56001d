/**
 * The callflow modules this project may emit, each with the schema its `data`
 * must pass (Kazoo validates it against `callflows.<module>`): every module
 * Kazoo ships a schema for. A module missing here is refused: we only send
 * what we can check.
 */
import * as audioMacro from './modules/audioMacro';
import * as bridging from './modules/bridging';
import * as callControl from './modules/callControl';
import * as callerId from './modules/callerId';
import * as callMoves from './modules/callMoves';
import * as conference from './modules/conference';
import * as digits from './modules/digits';
import * as fax from './modules/fax';
import * as featureCodes from './modules/featureCodes';
import * as features from './modules/features';
import * as flowControl from './modules/flowControl';
import * as media from './modules/media';
import * as notifications from './modules/notifications';
import * as queues from './modules/queues';
import * as screening from './modules/screening';

export const moduleDataSchemas = {
  device: bridging.deviceDataSchema,
  user: bridging.userDataSchema,
  group: bridging.groupDataSchema,
  ring_group: bridging.ringGroupDataSchema,
  page_group: bridging.pageGroupDataSchema,
  resources: bridging.resourcesDataSchema,
  conference: conference.conferenceDataSchema,
  voicemail: features.voicemailDataSchema,
  faxbox: fax.faxboxDataSchema,
  receive_fax: fax.receiveFaxDataSchema,
  fax_detect: fax.faxDetectDataSchema,
  tts: media.ttsDataSchema,
  play: media.playDataSchema,
  record_call: media.recordCallDataSchema,
  send_dtmf: media.sendDtmfDataSchema,
  language: media.languageDataSchema,
  collect_dtmf: digits.collectDtmfDataSchema,
  flush_dtmf: digits.flushDtmfDataSchema,
  menu: digits.menuDataSchema,
  pivot: callControl.pivotDataSchema,
  callflow: callControl.callflowDataSchema,
  response: callControl.responseDataSchema,
  hangup: callControl.hangupDataSchema,
  sleep: callControl.sleepDataSchema,
  set_variables: callControl.setVariablesDataSchema,
  temporal_route: callControl.temporalRouteDataSchema,
  webhook: callControl.webhookDataSchema,
  set_cid: callerId.setCidDataSchema,
  dynamic_cid: callerId.dynamicCidDataSchema,
  prepend_cid: callerId.prependCidDataSchema,
  check_cid: callerId.checkCidDataSchema,
  cidlistmatch: callerId.cidlistmatchDataSchema,
  manual_presence: features.manualPresenceDataSchema,
  eavesdrop: features.eavesdropDataSchema,
  group_pickup: features.groupPickupDataSchema,
  intercept: features.interceptDataSchema,
  hotdesk: features.hotdeskDataSchema,
  call_forward: features.callForwardDataSchema,
  do_not_disturb: features.doNotDisturbDataSchema,
  directory: features.directoryDataSchema,
  disa: features.disaDataSchema,
  offnet: bridging.offnetDataSchema,
  acdc_member: queues.acdcMemberDataSchema,
  acdc_agent: queues.acdcAgentDataSchema,
  acdc_queue: queues.acdcQueueDataSchema,
  acdc_wait_time: queues.acdcWaitTimeDataSchema,
  park: callMoves.parkDataSchema,
  transfer: callMoves.transferDataSchema,
  after_bridge: callMoves.afterBridgeDataSchema,
  move: callMoves.moveDataSchema,
  intercom: callMoves.intercomDataSchema,
  route_to_cid: callMoves.routeToCidDataSchema,
  call_waiting: featureCodes.callWaitingDataSchema,
  camping_feature: featureCodes.campingFeatureDataSchema,
  conference_feature: featureCodes.conferenceFeatureDataSchema,
  eavesdrop_feature: featureCodes.eavesdropFeatureDataSchema,
  group_pickup_feature: featureCodes.groupPickupFeatureDataSchema,
  intercept_feature: featureCodes.interceptFeatureDataSchema,
  privacy: featureCodes.privacyDataSchema,
  ring_group_toggle: featureCodes.ringGroupToggleDataSchema,
  answer: flowControl.answerDataSchema,
  noop: flowControl.noopDataSchema,
  skel: flowControl.skelDataSchema,
  dead_air: flowControl.deadAirDataSchema,
  wait_for_hangup: flowControl.waitForHangupDataSchema,
  edr: flowControl.edrDataSchema,
  set: flowControl.setDataSchema,
  function: flowControl.functionDataSchema,
  branch_variable: flowControl.branchVariableDataSchema,
  branch_bnumber: flowControl.branchBnumberDataSchema,
  set_variable: flowControl.setVariableDataSchema,
  set_alert_info: flowControl.setAlertInfoDataSchema,
  missed_call_alert: notifications.missedCallAlertDataSchema,
  notification: notifications.notificationDataSchema,
  lookupcidname: screening.lookupcidnameDataSchema,
  nomorobo: screening.nomoroboDataSchema,
  audio_macro: audioMacro.audioMacroDataSchema,
  record_caller: media.recordCallerDataSchema,
} as const;

export type CallflowModule = keyof typeof moduleDataSchemas;

/**
 * Words Kazoo users reach for that are not module names, and the module that
 * does that job (spelling mistakes are caught by edit distance instead).
 */
export const MODULE_NAME_HINTS: Readonly<Record<string, string>> = {
  queue: 'acdc_member',
  acdc: 'acdc_member',
  ivr: 'menu',
  say: 'tts',
  speak: 'tts',
  record: 'record_call',
  forward: 'call_forward',
  dnd: 'do_not_disturb',
  carrier: 'resources',
  carriers: 'resources',
  dial: 'resources',
  bridge: 'device',
  extension: 'user',
  variable: 'set_variable',
  // Kazoo callflow modules without a schema of their own: Kazoo refuses them in a pivot answer.
  customer_defined_notification: 'notification',
  log_in_out_ring_group: 'ring_group_toggle',
  pickup_any_group: 'group_pickup',
  kvs_set: 'set',
  branch_property: 'branch_variable',
  record_call_listener: 'record_call',
  qubicle: 'acdc_member',
};

/** Own keys only: a module called "toString" or "__proto__" is not a module. */
export function isKnownModule(name: unknown): name is CallflowModule {
  return typeof name === 'string' && Object.hasOwn(moduleDataSchemas, name);
}
