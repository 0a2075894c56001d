/**
 * Modules that ring someone: devices, users, groups, ring and page groups, and
 * carriers (`resources`). Mirrors `callflows.<module>.json` in Kazoo.
 */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import { directionalSipHeadersSchema } from './customSipHeaders';
import { integer, integerBetween, jsonObject, moduleData, stringLength, type ModuleData, kazooDefault } from './primitives';

const dialStrategy = z.enum(['simultaneous', 'single']);
const ringtones = lazySchema(() => z.looseObject({ external: z.string().optional(), internal: z.string().optional() }));

export const deviceDataSchema = moduleData(() => ({
  id: z.string().optional(),
  can_call_self: z.boolean().optional(),
  can_text_self: z.boolean().optional(),
  custom_sip_headers: jsonObject.optional(),
  delay: kazooDefault(integer, 0),
  dial_strategy: kazooDefault(dialStrategy, 'simultaneous'),
  static_invite: z.string().optional(),
  suppress_clid: z.boolean().optional(),
  timeout: kazooDefault(integer, 0),
}));
export type DeviceData = ModuleData<typeof deviceDataSchema>;

export const userDataSchema = moduleData(() => ({
  id: z.string().optional(),
  can_call_self: z.boolean().optional(),
  can_text_self: z.boolean().optional(),
  custom_sip_headers: jsonObject.optional(),
  delay: kazooDefault(integer, 0),
  fail_on_single_reject: z.boolean().optional(),
  static_invite: z.string().optional(),
  strategy: kazooDefault(dialStrategy, 'simultaneous'),
  suppress_clid: z.boolean().optional(),
  timeout: kazooDefault(integer, 20),
}));
export type UserData = ModuleData<typeof userDataSchema>;

export const groupDataSchema = moduleData(() => ({
  id: z.string().optional(),
  endpoints: kazooDefault(z.array(z.string()), []),
  fail_on_single_reject: z.boolean().optional(),
  ignore_forward: kazooDefault(z.boolean(), true),
  repeats: kazooDefault(integer, 1),
  ringback: z.string().optional(),
  ringtones: ringtones.optional(),
  strategy: kazooDefault(dialStrategy, 'simultaneous'),
  timeout: kazooDefault(integer, 20),
}));
export type GroupData = ModuleData<typeof groupDataSchema>;

/**
 * One ring/page group member. Always an object: the bare-id-string form shown
 * in some Kazoo docs fails the schema, and a schema failure hangs the call up.
 */
export const groupEndpointSchema = lazySchema(() =>
  z.looseObject({
    id: stringLength({ min: 1, max: 128 }),
    endpoint_type: z.enum(['device', 'user', 'group']),
    delay: integer.optional(),
    timeout: integer.optional(),
    weight: integerBetween({ min: 1, max: 100 }).optional(),
  }),
);
export type GroupEndpoint = ModuleData<typeof groupEndpointSchema>;

const groupEndpoints = lazySchema(() => z.array(groupEndpointSchema).min(1, { message: 'must list at least one endpoint' }));

export const ringGroupDataSchema = moduleData(() => ({
  endpoints: groupEndpoints,
  fail_on_single_reject: z.boolean().optional(),
  ignore_forward: kazooDefault(z.boolean(), true),
  repeats: kazooDefault(integerBetween({ min: 1 }), 1),
  ringback: z.string().optional(),
  ringtones: ringtones.optional(),
  strategy: kazooDefault(z.enum(['simultaneous', 'single', 'weighted_random']), 'simultaneous'),
  timeout: kazooDefault(integer, 20),
}));
export type RingGroupData = ModuleData<typeof ringGroupDataSchema>;

export const pageGroupDataSchema = moduleData(() => ({
  audio: z.enum(['one-way', 'two-way']).meta({ default: 'one-way' }),
  endpoints: groupEndpoints,
  barge_calls: z.boolean().optional(),
  timeout: kazooDefault(integer, 5),
}));
export type PageGroupData = ModuleData<typeof pageGroupDataSchema>;

export const resourcesDataSchema = moduleData(() => ({
  to_did: z.string().optional(),
  use_local_resources: kazooDefault(z.boolean(), true),
  bypass_e164: z.boolean().optional(),
  caller_id_type: kazooDefault(z.string(), 'external'),
  custom_sip_headers: directionalSipHeadersSchema.optional(),
  do_not_normalize: z.boolean().optional(),
  dynamic_flags: z.array(z.string()).optional(),
  emit_account_id: z.boolean().optional(),
  format_from_uri: z.boolean().optional(),
  from_uri_realm: z.string().optional(),
  hunt_account_id: z.string().optional(),
  ignore_early_media: kazooDefault(z.boolean(), false),
  outbound_flags: kazooDefault(z.array(z.string()), []),
  resource_type: z.string().optional(),
  ringback: z.string().optional(),
  timeout: integer.optional(),
}));
export type ResourcesData = ModuleData<typeof resourcesDataSchema>;

/**
 * `offnet` is Kazoo's older name for `resources` with the system carriers:
 * Kazoo runs it as `resources` with `use_local_resources` forced to false.
 */
export const offnetDataSchema = lazySchema(() =>
  resourcesDataSchema.extend({
    use_local_resources: z.boolean().describe('Ignored: offnet always uses the system carriers').optional(),
  }),
);
export type OffnetData = ModuleData<typeof offnetDataSchema>;
