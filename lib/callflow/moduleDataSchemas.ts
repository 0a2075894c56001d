/**
 * The callflow modules this project may emit, each with the schema its `data`
 * must pass (Kazoo validates it against `callflows.<module>`). A module missing
 * here is refused even if Kazoo knows it: we only send what we can check.
 */
import * as bridging from './modules/bridging';
import * as callControl from './modules/callControl';
import * as callerId from './modules/callerId';
import * as conference from './modules/conference';
import * as digits from './modules/digits';
import * as fax from './modules/fax';
import * as features from './modules/features';
import * as media from './modules/media';

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
} as const;

export type CallflowModule = keyof typeof moduleDataSchemas;

/** Own keys only: a module called "toString" or "__proto__" is not a module. */
export function isKnownModule(name: unknown): name is CallflowModule {
  return typeof name === 'string' && Object.hasOwn(moduleDataSchemas, name);
}
