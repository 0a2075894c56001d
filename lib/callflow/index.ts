/** Public surface of the callflow library: node type, validation, rendering and builders. */
export { callflowNodeSchema, type CallflowNode } from './callflowNode';
export { moduleDataSchemas, isKnownModule, type CallflowModule } from './moduleDataSchemas';
export { validateCallflow, type CallflowValidation } from './validateCallflow';
export { renderPivotAnswer, type PivotAnswer } from './renderPivotAnswer';
export { InvalidCallflowError, type CallflowIssue } from '../errors';
export { kazooId } from './modules/primitives';
export type {
  DeviceData,
  GroupData,
  GroupEndpoint,
  PageGroupData,
  ResourcesData,
  RingGroupData,
  UserData,
} from './modules/bridging';
export type {
  CallflowData,
  HangupData,
  PivotData,
  ResponseData,
  SetVariablesData,
  SleepData,
  TemporalRouteData,
  WebhookData,
} from './modules/callControl';
export type { CheckCidData, CidlistmatchData, DynamicCidData, PrependCidData, SetCidData } from './modules/callerId';
export type { ConferenceData } from './modules/conference';
export type { CollectDtmfData, FlushDtmfData, MenuData } from './modules/digits';
export type { FaxboxData, FaxDetectData, ReceiveFaxData } from './modules/fax';
export type {
  CallForwardData,
  DirectoryData,
  DisaData,
  DoNotDisturbData,
  EavesdropData,
  GroupPickupData,
  HotdeskData,
  InterceptData,
  ManualPresenceData,
  VoicemailData,
} from './modules/features';
export type { LanguageData, PlayData, RecordCallData, SendDtmfData, TtsData } from './modules/media';
export { withChildren, followedBy, type Children, type CamelOptions } from './builders/buildNode';
export * from './builders/bridging';
export * from './builders/conference';
export * from './builders/media';
export * from './builders/digits';
export * from './builders/callControl';
export * from './builders/callerId';
export * from './builders/fax';
export * from './builders/features';
