/**
 * Modules that move an established call somewhere else: park and retrieve,
 * transfer, what happens after a bridge ends, move to another device,
 * intercom, and ringing whoever owns a caller ID.
 */
import * as z from 'zod';
import { integer, jsonObject, kazooDefault, moduleData, oneOf, type ModuleData } from './primitives';

export const parkDataSchema = moduleData(() => ({
  action: kazooDefault(z.enum(['direct_park', 'park', 'retrieve', 'auto']), 'park'),
  custom_presence_id: kazooDefault(z.boolean(), false),
  default_callback_timeout: integer.describe('Seconds before a parked call rings back whoever parked it').optional(),
  default_presence_type: z.enum(['early', 'terminated', 'confirmed']).optional(),
  default_ringback_timeout: integer.describe('Milliseconds the ringback rings').optional(),
  max_slot_number: integer.optional(),
  presence_id: z.string().optional(),
  slot: z.string().describe('The parking slot number').optional(),
  slots: kazooDefault(jsonObject, {}),
}));
export type ParkData = ModuleData<typeof parkDataSchema>;

export const transferDataSchema = moduleData(() => ({
  captures: kazooDefault(z.array(z.string()), ['no_match']),
  leg: z.enum(['self', 'bleg']).optional(),
  target: z.string().describe('The extension or number to transfer to').optional(),
  transfer_type: kazooDefault(z.enum(['attended', 'blind']), 'blind'),
}));
export type TransferData = ModuleData<typeof transferDataSchema>;

export const afterBridgeDataSchema = moduleData(() => ({
  action: z.enum(['park', 'transfer', 'hangup']).optional(),
  data: oneOf([z.boolean(), z.string()], 'true/false or a string (the transfer target)').optional(),
}));
export type AfterBridgeData = ModuleData<typeof afterBridgeDataSchema>;

export const moveDataSchema = moduleData(() => ({}));
export type MoveData = ModuleData<typeof moveDataSchema>;

export const intercomDataSchema = moduleData(() => ({
  barge_calls: z.boolean().describe('Page the device even when it is on a call').optional(),
}));
export type IntercomData = ModuleData<typeof intercomDataSchema>;

export const routeToCidDataSchema = moduleData(() => ({
  can_call_self: z.boolean().optional(),
  can_text_self: z.boolean().optional(),
  cid_types: kazooDefault(z.array(z.string()).min(1, { message: 'must list at least one caller-ID type' }), ['internal']),
  delay: kazooDefault(integer, 0),
  endpoint_types: kazooDefault(z.array(z.string()), []),
  static_invite: z.string().optional(),
  suppress_clid: z.boolean().optional(),
  timeout: kazooDefault(integer, 0),
}));
export type RouteToCidData = ModuleData<typeof routeToCidDataSchema>;
