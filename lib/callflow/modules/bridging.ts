/**
 * Modules that ring someone: devices, users, groups, ring and page groups, and
 * carriers (`resources`). Mirrors `callflows.<module>.json` in Kazoo.
 */
import * as z from 'zod';
import { directionalSipHeadersSchema } from './customSipHeaders';
import { integer, integerBetween, jsonObject, moduleData, stringLength, type ModuleData } from './primitives';

const dialStrategy = z.enum(['simultaneous', 'single']);
const ringtones = z.looseObject({ external: z.string().optional(), internal: z.string().optional() });

export const deviceDataSchema = moduleData({
  id: z.string().optional(),
  can_call_self: z.boolean().optional(),
  can_text_self: z.boolean().optional(),
  custom_sip_headers: jsonObject.optional(),
  delay: integer.optional(),
  dial_strategy: dialStrategy.optional(),
  static_invite: z.string().optional(),
  suppress_clid: z.boolean().optional(),
  timeout: integer.optional(),
});
export type DeviceData = ModuleData<typeof deviceDataSchema>;

export const userDataSchema = moduleData({
  id: z.string().optional(),
  can_call_self: z.boolean().optional(),
  can_text_self: z.boolean().optional(),
  custom_sip_headers: jsonObject.optional(),
  delay: integer.optional(),
  fail_on_single_reject: z.boolean().optional(),
  static_invite: z.string().optional(),
  strategy: dialStrategy.optional(),
  suppress_clid: z.boolean().optional(),
  timeout: integer.optional(),
});
export type UserData = ModuleData<typeof userDataSchema>;

export const groupDataSchema = moduleData({
  id: z.string().optional(),
  endpoints: z.array(z.string()).optional(),
  fail_on_single_reject: z.boolean().optional(),
  ignore_forward: z.boolean().optional(),
  repeats: integer.optional(),
  ringback: z.string().optional(),
  ringtones: ringtones.optional(),
  strategy: dialStrategy.optional(),
  timeout: integer.optional(),
});
export type GroupData = ModuleData<typeof groupDataSchema>;

/**
 * One ring/page group member. Always an object: the bare-id-string form shown
 * in some Kazoo docs fails the schema, and a schema failure hangs the call up.
 */
export const groupEndpointSchema = z.looseObject({
  id: stringLength({ min: 1, max: 128 }),
  endpoint_type: z.enum(['device', 'user', 'group']),
  delay: integer.optional(),
  timeout: integer.optional(),
  weight: integerBetween({ min: 1, max: 100 }).optional(),
});
export type GroupEndpoint = ModuleData<typeof groupEndpointSchema>;

const groupEndpoints = z.array(groupEndpointSchema).min(1, { message: 'must list at least one endpoint' });

export const ringGroupDataSchema = moduleData({
  endpoints: groupEndpoints,
  fail_on_single_reject: z.boolean().optional(),
  ignore_forward: z.boolean().optional(),
  repeats: integerBetween({ min: 1 }).optional(),
  ringback: z.string().optional(),
  ringtones: ringtones.optional(),
  strategy: z.enum(['simultaneous', 'single', 'weighted_random']).optional(),
  timeout: integer.optional(),
});
export type RingGroupData = ModuleData<typeof ringGroupDataSchema>;

export const pageGroupDataSchema = moduleData({
  audio: z.enum(['one-way', 'two-way']),
  endpoints: groupEndpoints,
  barge_calls: z.boolean().optional(),
  timeout: integer.optional(),
});
export type PageGroupData = ModuleData<typeof pageGroupDataSchema>;

export const resourcesDataSchema = moduleData({
  to_did: z.string().optional(),
  use_local_resources: z.boolean().optional(),
  bypass_e164: z.boolean().optional(),
  caller_id_type: z.string().optional(),
  custom_sip_headers: directionalSipHeadersSchema.optional(),
  do_not_normalize: z.boolean().optional(),
  dynamic_flags: z.array(z.string()).optional(),
  emit_account_id: z.boolean().optional(),
  format_from_uri: z.boolean().optional(),
  from_uri_realm: z.string().optional(),
  hunt_account_id: z.string().optional(),
  ignore_early_media: z.boolean().optional(),
  outbound_flags: z.array(z.string()).optional(),
  resource_type: z.string().optional(),
  ringback: z.string().optional(),
  timeout: integer.optional(),
});
export type ResourcesData = ModuleData<typeof resourcesDataSchema>;

/**
 * `offnet` is Kazoo's older name for `resources` with the system carriers:
 * Kazoo runs it as `resources` with `use_local_resources` forced to false.
 */
export const offnetDataSchema = resourcesDataSchema;
export type OffnetData = ResourcesData;
