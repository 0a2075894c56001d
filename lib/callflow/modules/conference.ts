/**
 * The `conference` module. Its optional `config` is a whole conference
 * document (Kazoo's `conferences` and `conferences.profile` schemas), modelled
 * in full because a bad inline config fails the node like any other field.
 */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import {
  exactly32Chars,
  integer,
  integerBetween,
  jsonObject,
  moduleData,
  oneOf,
  stringLength,
  uniqueStrings,
  type ModuleData,
} from './primitives';

const digitsOnly = z.string().regex(/^[0-9]+$/, { message: 'must contain digits only' });
export const toneSetting = oneOf([z.boolean(), z.string()], 'true/false or a tone');

const conferenceProfileSchema = lazySchema(() =>
  z.looseObject({
    'alone-sound': z.string().optional(),
    'announce-count': integer.optional(),
    'caller-controls': z.string().optional(),
    'comfort-noise': integerBetween({ min: 0, max: 10000 }).optional(),
    'energy-level': integerBetween({ min: 0, max: 1800 }).optional(),
    'enter-sound': z.string().optional(),
    'exit-sound': z.string().optional(),
    interval: integerBetween({ min: 10, max: 120 }).optional(),
    'locked-sound': z.string().optional(),
    'max-members': integerBetween({ min: 2 }).optional(),
    'max-members-sound': z.string().optional(),
    'moderator-controls': z.string().optional(),
    'moh-sound': z.string().optional(),
    'muted-sound': z.string().optional(),
    rate: z.literal([8000, 12000, 16000, 24000, 32000, 44100, 48000]).optional(),
    'unmuted-sound': z.string().optional(),
  }),
);

const participantSchema = {
  join_deaf: z.boolean().optional(),
  join_muted: z.boolean().optional(),
  numbers: uniqueStrings(digitsOnly).optional(),
  pins: z.array(digitsOnly).optional(),
};

export const conferenceConfigSchema = lazySchema(() =>
  z.looseObject({
    bridge_password: z.string().optional(),
    bridge_username: z.string().optional(),
    caller_controls: z.string().optional(),
    conference_numbers: uniqueStrings(digitsOnly).optional(),
    controls: jsonObject.optional(),
    domain: z.string().optional(),
    flags: z.array(z.string()).optional(),
    focus: z.string().optional(),
    language: z.string().optional(),
    max_members_media: z.string().optional(),
    max_participants: integer.optional(),
    member: z.looseObject({ ...participantSchema, play_entry_prompt: z.boolean().optional() }).optional(),
    moderator: z.looseObject(participantSchema).optional(),
    moderator_controls: z.string().optional(),
    name: stringLength({ min: 1, max: 128 }).optional(),
    owner_id: exactly32Chars.optional(),
    play_entry_tone: toneSetting.optional(),
    play_exit_tone: toneSetting.optional(),
    play_name: z.boolean().optional(),
    play_welcome: z.boolean().optional(),
    profile: conferenceProfileSchema.optional(),
    profile_name: z.string().optional(),
    require_moderator: z.boolean().optional(),
    wait_for_moderator: z.boolean().optional(),
  }),
);

export const conferenceDataSchema = moduleData(() => ({
  id: exactly32Chars.optional(),
  config: conferenceConfigSchema.optional(),
  moderator: z.boolean().optional(),
  play_entry_tone: toneSetting.optional(),
  play_exit_tone: toneSetting.optional(),
  welcome_prompt: z.looseObject({ media_id: z.string().optional(), play: z.boolean().optional() }).optional(),
}));
export type ConferenceData = ModuleData<typeof conferenceDataSchema>;
