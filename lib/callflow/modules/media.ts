/** Modules that play, say, record or send sound: tts, play, record_call, send_dtmf, language. */
import * as z from 'zod';
import { reachableHttpUrl } from './reachableUrl';
import { integer, integerBetween, kazooDefault, moduleData, oneOf, stringLength, type ModuleData } from './primitives';

export const ttsDataSchema = moduleData({
  text: stringLength({ min: 1, max: 1000 }),
  endless_playback: z.boolean().optional(),
  engine: z.enum(['flite', 'google', 'ispeech', 'voicefabric']).optional(),
  language: z.string().optional(),
  terminators: z.array(z.string()).optional(),
  voice: z.string().optional(),
});
export type TtsData = ModuleData<typeof ttsDataSchema>;

export const playDataSchema = moduleData({
  id: z.string().optional(),
  answer: z.boolean().optional(),
  endless_playback: z.boolean().optional(),
  loop_count: integerBetween({ min: 1 }).optional(),
  terminators: z.array(z.string()).optional(),
});
export type PlayData = ModuleData<typeof playDataSchema>;

export const recordCallDataSchema = moduleData({
  action: z.enum(['start', 'stop']),
  format: z.enum(['mp3', 'wav']).optional(),
  label: z.string().optional(),
  media_name: z.string().optional(),
  method: z.enum(['put', 'post']).optional(),
  origin: z.string().optional(),
  record_min_sec: integer.optional(),
  record_on_answer: z.boolean().optional(),
  record_on_bridge: z.boolean().optional(),
  record_sample_rate: integer.optional(),
  should_follow_transfer: z.boolean().optional(),
  time_limit: integerBetween({ min: 5, max: 10800 }).optional(),
  // Schema: `format: uri` plus kazoo-validation; Kazoo PUTs/POSTs the recording there.
  url: reachableHttpUrl.optional(),
});
export type RecordCallData = ModuleData<typeof recordCallDataSchema>;

export const sendDtmfDataSchema = moduleData({
  digits: z.string(),
  duration_ms: oneOf([integer, z.string()], 'an integer or a string').optional(),
});
export type SendDtmfData = ModuleData<typeof sendDtmfDataSchema>;

export const languageDataSchema = moduleData({
  language: z.string().regex(/^[A-Za-z]{2}(-[A-Za-z]{2})?$/, { message: 'must be a language tag like "en" or "en-US"' }),
});
export type LanguageData = ModuleData<typeof languageDataSchema>;

/** Records only the caller's side, where record_call records both. */
export const recordCallerDataSchema = moduleData({
  format: z.enum(['mp3', 'wav']).optional(),
  method: kazooDefault(z.enum(['put', 'post']), 'put'),
  time_limit: kazooDefault(integerBetween({ min: 5, max: 10800 }), 3600),
  // Schema: `format: uri` plus kazoo-validation, as for record_call.
  url: reachableHttpUrl.optional(),
});
export type RecordCallerData = ModuleData<typeof recordCallerDataSchema>;
