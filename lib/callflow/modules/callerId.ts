/** Modules that set, rewrite or test the caller ID: set_cid, dynamic_cid, prepend_cid, check_cid, cidlistmatch. */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import { integer, moduleData, type ModuleData, kazooDefault } from './primitives';

const nameAndNumber = lazySchema(() => z.looseObject({ name: z.string().optional(), number: z.string().optional() }));

export const setCidDataSchema = moduleData(() => ({
  caller_id_name: kazooDefault(z.string(), ''),
  caller_id_number: kazooDefault(z.string(), ''),
}));
export type SetCidData = ModuleData<typeof setCidDataSchema>;

export const dynamicCidDataSchema = moduleData(() => ({
  action: z.enum(['list', 'lists', 'manual', 'static']).optional(),
  caller_id: nameAndNumber.optional(),
  enforce_call_restriction: kazooDefault(z.boolean(), true),
  id: z.string().optional(),
  idx_name: z.string().optional(),
  interdigit_timeout: integer.optional(),
  max_digits: integer.optional(),
  media_id: z.string().optional(),
  min_digits: integer.optional(),
  permit_custom_callflow: kazooDefault(z.boolean(), false),
  whitelist_regex: z.string().optional(),
}));
export type DynamicCidData = ModuleData<typeof dynamicCidDataSchema>;

export const prependCidDataSchema = moduleData(() => ({
  action: kazooDefault(z.enum(['reset', 'prepend']), 'prepend'),
  apply_to: kazooDefault(z.enum(['original', 'current']), 'current'),
  caller_id_name_prefix: kazooDefault(z.string(), ''),
  caller_id_number_prefix: kazooDefault(z.string(), ''),
}));
export type PrependCidData = ModuleData<typeof prependCidDataSchema>;

export const checkCidDataSchema = moduleData(() => ({
  caller_id: z.looseObject({ external: nameAndNumber.optional() }).optional(),
  regex: kazooDefault(z.string(), '.*'),
  use_absolute_mode: kazooDefault(z.boolean(), false),
  user_id: z.string().optional(),
}));
export type CheckCidData = ModuleData<typeof checkCidDataSchema>;

export const cidlistmatchDataSchema = moduleData(() => ({
  id: z.string().optional(),
}));
export type CidlistmatchData = ModuleData<typeof cidlistmatchDataSchema>;
