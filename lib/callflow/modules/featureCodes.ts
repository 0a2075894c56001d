/**
 * Modules usually reached by a feature code (*xx): they act on the caller's
 * own device or user (call waiting, privacy, camping, joining a ring group)
 * or on a call the caller is allowed to reach (eavesdrop, pickup, intercept).
 */
import * as z from 'zod';
import { conferenceConfigSchema, toneSetting } from './conference';
import { exactly32Chars, kazooDefault, moduleData, type ModuleData } from './primitives';

export const callWaitingDataSchema = moduleData(() => ({
  action: kazooDefault(z.enum(['activate', 'deactivate', 'toggle']), 'toggle'),
  scope: kazooDefault(z.enum(['device', 'user']), 'device'),
}));
export type CallWaitingData = ModuleData<typeof callWaitingDataSchema>;

export const campingFeatureDataSchema = moduleData(() => ({}));
export type CampingFeatureData = ModuleData<typeof campingFeatureDataSchema>;

export const conferenceFeatureDataSchema = moduleData(() => ({
  config: conferenceConfigSchema.optional(),
  id: exactly32Chars.describe('The conference document id').optional(),
  moderator: z.boolean().optional(),
  play_entry_tone: toneSetting.optional(),
  play_exit_tone: toneSetting.optional(),
  welcome_prompt: z.looseObject({ media_id: z.string().optional(), play: kazooDefault(z.boolean(), true) }).optional(),
}));
export type ConferenceFeatureData = ModuleData<typeof conferenceFeatureDataSchema>;

const approvers = {
  approved_device_id: z.string().optional(),
  approved_group_id: z.string().optional(),
  approved_user_id: z.string().optional(),
};

export const eavesdropFeatureDataSchema = moduleData(() => ({ ...approvers, group_id: z.string().optional() }));
export type EavesdropFeatureData = ModuleData<typeof eavesdropFeatureDataSchema>;

export const groupPickupFeatureDataSchema = moduleData(() => ({
  ...approvers,
  device_id: z.string().optional(),
  group_id: z.string().optional(),
  // Required by Kazoo's schema even though it names a default.
  type: z.enum(['group', 'user', 'device', 'extension']).meta({ default: 'extension' }),
  user_id: z.string().optional(),
}));
export type GroupPickupFeatureData = ModuleData<typeof groupPickupFeatureDataSchema>;

export const interceptFeatureDataSchema = moduleData(() => ({
  ...approvers,
  type: z.enum(['user', 'device', 'extension']).optional(),
}));
export type InterceptFeatureData = ModuleData<typeof interceptFeatureDataSchema>;

export const privacyDataSchema = moduleData(() => ({
  endpoint_strategy: kazooDefault(z.enum(['overwrite', 'merge']), 'overwrite'),
  mode: kazooDefault(z.enum(['full', 'name', 'number', 'yes']), 'full'),
}));
export type PrivacyData = ModuleData<typeof privacyDataSchema>;

export const ringGroupToggleDataSchema = moduleData(() => ({
  action: z.enum(['login', 'logout']),
  callflow_id: z.string().describe('The callflow whose ring group the caller joins or leaves'),
}));
export type RingGroupToggleData = ModuleData<typeof ringGroupToggleDataSchema>;
