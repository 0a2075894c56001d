/** Modules that read the caller's keypad: collect_dtmf, flush_dtmf, menu. */
import * as z from 'zod';
import { integer, integerBetween, moduleData, uniqueStrings, type ModuleData, kazooDefault } from './primitives';

const dtmfKey = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '#', '*']);

export const collectDtmfDataSchema = moduleData(() => ({
  collection_name: z.string().optional(),
  interdigit_timeout: integerBetween({ min: 1 }).optional(),
  max_digits: kazooDefault(integerBetween({ min: 1 }), 1),
  terminator: kazooDefault(dtmfKey, '#'),
  terminators: uniqueStrings(dtmfKey).optional(),
  // Milliseconds to wait for the first digit.
  timeout: kazooDefault(integerBetween({ min: 1 }), 5000),
}));
export type CollectDtmfData = ModuleData<typeof collectDtmfDataSchema>;

export const flushDtmfDataSchema = moduleData(() => ({
  collection_name: kazooDefault(z.string(), 'default'),
}));
export type FlushDtmfData = ModuleData<typeof flushDtmfDataSchema>;

export const menuDataSchema = moduleData(() => ({
  id: z.string().optional(),
  interdigit_timeout: integer.optional(),
}));
export type MenuData = ModuleData<typeof menuDataSchema>;
