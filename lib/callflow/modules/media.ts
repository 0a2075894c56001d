/** Modules that play, say, record or send sound: tts, play, record_call, send_dtmf, language. */
import * as z from 'zod';
import { reachableHttpUrl } from './reachableUrl';
import { ANY_KEY, integer, integerBetween, kazooDefault, moduleData, oneOf, stringLength, type ModuleData } from './primitives';

export const ttsDataSchema = moduleData(() => ({
  text: stringLength({ min: 1, max: 1000 }),
  endless_playback: z.boolean().optional(),
  engine: z.enum(['flite', 'google', 'ispeech', 'voicefabric']).optional(),
  language: z.string().optional(),
  terminators: kazooDefault(z.array(z.string()), ANY_KEY),
  voice: kazooDefault(z.string(), 'female'),
}));
export type TtsData = ModuleData<typeof ttsDataSchema>;

export const playDataSchema = moduleData(() => ({
  id: z.string().optional(),
  answer: z.boolean().optional(),
  endless_playback: kazooDefault(z.boolean(), false),
  loop_count: integerBetween({ min: 1 }).optional(),
  terminators: kazooDefault(z.array(z.string()), ANY_KEY),
}));
export type PlayData = ModuleData<typeof playDataSchema>;

export const recordCallDataSchema = moduleData(() => ({
  action: z.enum(['start', 'stop']).meta({ default: 'start' }),
  format: z.enum(['mp3', 'wav']).optional(),
  label: z.string().optional(),
  media_name: z.string().optional(),
  method: kazooDefault(z.enum(['put', 'post']), 'put'),
  origin: z.string().optional(),
  record_min_sec: integer.optional(),
  record_on_answer: kazooDefault(z.boolean(), false),
  record_on_bridge: kazooDefault(z.boolean(), false),
  record_sample_rate: integer.optional(),
  should_follow_transfer: kazooDefault(z.boolean(), true),
  time_limit: kazooDefault(integerBetween({ min: 5, max: 10800 }), 3600),
  // Schema: `format: uri` plus kazoo-validation; Kazoo PUTs/POSTs the recording there.
  url: reachableHttpUrl.optional(),
}));
export type RecordCallData = ModuleData<typeof recordCallDataSchema>;

export const sendDtmfDataSchema = moduleData(() => ({
  digits: z.string(),
  duration_ms: kazooDefault(oneOf([integer, z.string()], 'an integer or a string'), '2000'),
}));
export type SendDtmfData = ModuleData<typeof sendDtmfDataSchema>;

export const languageDataSchema = moduleData(() => ({
  language: z.string().regex(/^[A-Za-z]{2}(-[A-Za-z]{2})?$/, { message: 'must be a language tag like "en" or "en-US"' }),
}));
export type LanguageData = ModuleData<typeof languageDataSchema>;

/** Records only the caller's side, where record_call records both. */
export const recordCallerDataSchema = moduleData(() => ({
  format: z.enum(['mp3', 'wav']).optional(),
  method: kazooDefault(z.enum(['put', 'post']), 'put'),
  time_limit: kazooDefault(integerBetween({ min: 5, max: 10800 }), 3600),
  // Schema: `format: uri` plus kazoo-validation, as for record_call.
  url: reachableHttpUrl.optional(),
}));
export type RecordCallerData = ModuleData<typeof recordCallerDataSchema>;
