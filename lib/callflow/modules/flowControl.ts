/**
 * Small steps in a callflow: answer or wait, branch on a variable or on the
 * dialled number, set a variable, a ring pattern or agent skills, run a
 * function, write an event record, or do nothing at all.
 */
import * as z from 'zod';
import { kazooDefault, moduleData, type ModuleData } from './primitives';

export const answerDataSchema = moduleData(() => ({}));
export type AnswerData = ModuleData<typeof answerDataSchema>;

export const noopDataSchema = moduleData(() => ({}));
export type NoopData = ModuleData<typeof noopDataSchema>;

export const skelDataSchema = moduleData(() => ({}));
export type SkelData = ModuleData<typeof skelDataSchema>;

export const deadAirDataSchema = moduleData(() => ({}));
export type DeadAirData = ModuleData<typeof deadAirDataSchema>;

export const waitForHangupDataSchema = moduleData(() => ({}));
export type WaitForHangupData = ModuleData<typeof waitForHangupDataSchema>;

export const edrDataSchema = moduleData(() => ({}));
export type EdrData = ModuleData<typeof edrDataSchema>;

/** Extra keys are agent skills; Kazoo's schema lists none. */
export const setDataSchema = moduleData(() => ({}));
export type SetData = ModuleData<typeof setDataSchema>;

export const functionDataSchema = moduleData(() => ({
  id: z.string().describe('The function document to run').optional(),
}));
export type FunctionData = ModuleData<typeof functionDataSchema>;

export const branchVariableDataSchema = moduleData(() => ({
  scope: kazooDefault(z.enum(['account', 'custom_channel_vars', 'device', 'merged', 'user']), 'custom_channel_vars'),
  // Required by Kazoo's schema even though it names a default.
  variable: z.string().describe('The variable whose value names the child branch to take').meta({ default: '' }),
}));
export type BranchVariableData = ModuleData<typeof branchVariableDataSchema>;

export const branchBnumberDataSchema = moduleData(() => ({
  hunt: kazooDefault(z.boolean(), false),
  hunt_allow: z.string().describe('Regex the dialled number must match to hunt').optional(),
  hunt_deny: z.string().describe('Regex that stops a dialled number from hunting').optional(),
}));
export type BranchBnumberData = ModuleData<typeof branchBnumberDataSchema>;

export const setVariableDataSchema = moduleData(() => ({
  channel: kazooDefault(z.enum(['a', 'both']), 'a'),
  value: z.string().optional(),
  variable: z.string().optional(),
}));
export type SetVariableData = ModuleData<typeof setVariableDataSchema>;

export const setAlertInfoDataSchema = moduleData(() => ({
  alert_info: z.string().describe('The Alert-Info header phones use to pick a ring pattern'),
}));
export type SetAlertInfoData = ModuleData<typeof setAlertInfoDataSchema>;
