/** Fax modules: faxbox, receive_fax, fax_detect. */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import { integer, moduleData, oneOf, type ModuleData } from './primitives';

const faxMedia = lazySchema(() =>
  z.looseObject({
    fax_option: oneOf([z.boolean(), z.enum(['auto', 'true', 'false'])], 'true/false or "auto", "true", "false"').optional(),
  }),
);

export const faxboxDataSchema = moduleData(() => ({
  id: z.string().optional(),
  faxbox_id: z.string().optional(),
  media: faxMedia.optional(),
}));
export type FaxboxData = ModuleData<typeof faxboxDataSchema>;

export const receiveFaxDataSchema = moduleData(() => ({
  owner_id: z.string().optional(),
  media: faxMedia.optional(),
}));
export type ReceiveFaxData = ModuleData<typeof receiveFaxDataSchema>;

export const faxDetectDataSchema = moduleData(() => ({
  duration: integer.optional(),
}));
export type FaxDetectData = ModuleData<typeof faxDetectDataSchema>;
