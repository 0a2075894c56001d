/** Modules that look at who is calling: name lookup from lists, robocall screening with NoMoRobo. */
import * as z from 'zod';
import { moduleData, stringLength, type ModuleData } from './primitives';

export const lookupcidnameDataSchema = moduleData(() => ({
  // Required by Kazoo's schema even though it names a default.
  lists: z.array(z.string()).describe('Match lists whose entries name the caller').meta({ default: [] }),
}));
export type LookupcidnameData = ModuleData<typeof lookupcidnameDataSchema>;

export const nomoroboDataSchema = moduleData(() => ({
  username: stringLength({ min: 1, max: 1000 }),
  password: stringLength({ min: 1, max: 1000 }).optional(),
}));
export type NomoroboData = ModuleData<typeof nomoroboDataSchema>;
