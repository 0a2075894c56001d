/** Modules that read the caller's keypad: collect_dtmf, flush_dtmf, menu. */
import * as z from 'zod';
import { integer, integerBetween, moduleData, uniqueStrings, type ModuleData } from './primitives';

const dtmfKey = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '#', '*']);

export const collectDtmfDataSchema = moduleData({
  collection_name: z.string().optional(),
  interdigit_timeout: integerBetween({ min: 1 }).optional(),
  max_digits: integerBetween({ min: 1 }).optional(),
  terminator: dtmfKey.optional(),
  terminators: uniqueStrings(dtmfKey).optional(),
  // Milliseconds to wait for the first digit.
  timeout: integerBetween({ min: 1 }).optional(),
});
export type CollectDtmfData = ModuleData<typeof collectDtmfDataSchema>;

export const flushDtmfDataSchema = moduleData({
  collection_name: z.string().optional(),
});
export type FlushDtmfData = ModuleData<typeof flushDtmfDataSchema>;

export const menuDataSchema = moduleData({
  id: z.string().optional(),
  interdigit_timeout: integer.optional(),
});
export type MenuData = ModuleData<typeof menuDataSchema>;
