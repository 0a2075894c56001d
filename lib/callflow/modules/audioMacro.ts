/**
 * `audio_macro`: one node that plays a list of sounds in turn (media, system
 * prompts, spoken values, TTS, tones), where each item says which with `macro`.
 */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import { playDataSchema, ttsDataSchema } from './media';
import { ANY_KEY, integer, integerBetween, kazooDefault, moduleData, type ModuleData } from './primitives';

const terminators = kazooDefault(z.array(z.string()), ANY_KEY);

const promptMacro = lazySchema(() =>
  z.looseObject({
    macro: z.literal('prompt'),
    id: z.string().describe('A system prompt id, e.g. vm-enter_pass').optional(),
    language: z.string().optional(),
    terminators,
  }),
);

const sayMacro = lazySchema(() =>
  z.looseObject({
    macro: z.literal('say'),
    gender: z.enum(['masculine', 'feminine', 'neuter']).optional(),
    language: z.string().optional(),
    method: z.enum(['none', 'pronounced', 'iterated', 'counted']).optional(),
    terminators,
    text: z.string().describe('The value to say').optional(),
    type: z
      .enum([
        'number',
        'items',
        'persons',
        'messages',
        'currency',
        'time_measurement',
        'current_date',
        'current_time',
        'current_date_time',
        'telephone_number',
        'telephone_extension',
        'url',
        'ip_address',
        'e-mail_address',
        'postal_address',
        'account_number',
        'name_spelled',
        'name_phonetic',
        'short_date_time',
      ])
      .optional(),
  }),
);

const toneMacro = lazySchema(() =>
  z.looseObject({
    macro: z.literal('tone'),
    duration_off: integer.describe('Milliseconds of silence between tones').optional(),
    duration_on: integer.describe('Milliseconds each tone sounds').optional(),
    frequencies: z.array(integer).describe('Frequencies in Hz, played together').optional(),
    repeat: integer.optional(),
    volume: integerBetween({ min: 0, max: 100 }).optional(),
  }),
);

const audioMacroItem = lazySchema(() =>
  z.discriminatedUnion(
    'macro',
    [
      playDataSchema.extend({ macro: z.literal('play') }),
      toneMacro,
      promptMacro,
      sayMacro,
      ttsDataSchema.extend({ macro: z.literal('tts') }),
    ],
    { error: 'must be a macro item whose "macro" is play, prompt, say, tts or tone' },
  ),
);

export const audioMacroDataSchema = moduleData(() => ({
  language: z.string().optional(),
  macros: kazooDefault(z.array(audioMacroItem).min(1, { message: 'must list at least one sound' }), []),
  terminators,
}));
export type AudioMacroData = ModuleData<typeof audioMacroDataSchema>;
