/**
 * Feature modules: voicemail, presence, listening in (eavesdrop, pickup,
 * intercept), hot desking, call forward, DND, directory, DISA.
 */
import * as z from 'zod';
import { exactly32Chars, integer, moduleData, type ModuleData, kazooDefault } from './primitives';

export const voicemailDataSchema = moduleData(() => ({
  id: exactly32Chars.optional(),
  action: kazooDefault(z.enum(['check', 'compose']), 'compose'),
  callerid_match_login: kazooDefault(z.boolean(), false),
  interdigit_timeout: kazooDefault(integer, 2000),
  max_message_length: kazooDefault(integer, 500),
  single_mailbox_login: kazooDefault(z.boolean(), false),
}));
export type VoicemailData = ModuleData<typeof voicemailDataSchema>;

export const manualPresenceDataSchema = moduleData(() => ({
  presence_id: z.string(),
  status: kazooDefault(z.enum(['idle', 'ringing', 'busy']), 'idle'),
}));
export type ManualPresenceData = ModuleData<typeof manualPresenceDataSchema>;

/** Who may listen in, and on whom: shared by eavesdrop, group_pickup and intercept. */
const approvedTargets = {
  approved_device_id: z.string().optional(),
  approved_group_id: z.string().optional(),
  approved_user_id: z.string().optional(),
  device_id: z.string().optional(),
  user_id: z.string().optional(),
};

export const eavesdropDataSchema = moduleData(() => approvedTargets);
export type EavesdropData = ModuleData<typeof eavesdropDataSchema>;

export const groupPickupDataSchema = moduleData(() => ({ ...approvedTargets, group_id: z.string().optional() }));
export type GroupPickupData = ModuleData<typeof groupPickupDataSchema>;

export const interceptDataSchema = moduleData(() => ({ ...approvedTargets, group_id: z.string().optional() }));
export type InterceptData = ModuleData<typeof interceptDataSchema>;

export const hotdeskDataSchema = moduleData(() => ({
  action: z.enum(['logout', 'login', 'toggle', 'bridge']).optional(),
  id: z.string().optional(),
  interdigit_timeout: integer.optional(),
}));
export type HotdeskData = ModuleData<typeof hotdeskDataSchema>;

export const callForwardDataSchema = moduleData(() => ({
  action: z.enum(['activate', 'deactivate', 'update', 'toggle', 'menu']).optional(),
}));
export type CallForwardData = ModuleData<typeof callForwardDataSchema>;

export const doNotDisturbDataSchema = moduleData(() => ({
  action: z.enum(['activate', 'deactivate', 'toggle']).optional(),
  id: z.string().optional(),
}));
export type DoNotDisturbData = ModuleData<typeof doNotDisturbDataSchema>;

export const directoryDataSchema = moduleData(() => ({
  id: z.string().optional(),
}));
export type DirectoryData = ModuleData<typeof directoryDataSchema>;

export const disaDataSchema = moduleData(() => ({
  enforce_call_restriction: kazooDefault(z.boolean(), false),
  interdigit: integer.optional(),
  max_digits: kazooDefault(integer, 15),
  pin: kazooDefault(z.string(), ''),
  preconnect_audio: kazooDefault(z.enum(['dialtone', 'ringing']), 'dialtone'),
  retries: kazooDefault(integer, 3),
  ring_repeat_count: kazooDefault(integer, 1),
  use_account_caller_id: z.boolean().optional(),
}));
export type DisaData = ModuleData<typeof disaDataSchema>;
