/**
 * Modules that steer the call itself: pivot, jump to a callflow, answer with a
 * SIP response, hang up, wait, set variables, route by time, fire a webhook.
 */
import * as z from 'zod';
import { reachableHttpUrl } from './reachableUrl';
import { integer, integerBetween, jsonObject, moduleData, stringLength, type ModuleData, kazooDefault } from './primitives';

export const pivotDataSchema = moduleData(() => ({
  voice_url: reachableHttpUrl,
  cdr_url: z
    .string()
    .regex(/^https?:\/\//, { message: 'must start with http:// or https://' })
    .optional(),
  debug: kazooDefault(z.boolean(), false),
  method: kazooDefault(z.enum(['get', 'post', 'GET', 'POST']), 'get'),
  req_body_format: kazooDefault(z.enum(['form', 'json']), 'form'),
  req_format: kazooDefault(z.enum(['kazoo', 'twiml']), 'kazoo'),
  // No lower bound in Kazoo's schema; only the 5000 ms ceiling is enforced.
  req_timeout_ms: integerBetween({ max: 5000 }).optional(),
}));
export type PivotData = ModuleData<typeof pivotDataSchema>;

export const callflowDataSchema = moduleData(() => ({
  id: z.string().optional(),
}));
export type CallflowData = ModuleData<typeof callflowDataSchema>;

export const responseDataSchema = moduleData(() => ({
  code: integer.meta({ default: 486 }),
  media: stringLength({ max: 2048 }).optional(),
  message: z.string().optional(),
}));
export type ResponseData = ModuleData<typeof responseDataSchema>;

export const hangupDataSchema = moduleData(() => ({}));
export type HangupData = ModuleData<typeof hangupDataSchema>;

export const sleepDataSchema = moduleData(() => ({
  duration: kazooDefault(integerBetween({ min: 0, max: 86_400_000 }), 0),
  unit: kazooDefault(z.enum(['ms', 's', 'm', 'h']), 's'),
}));
export type SleepData = ModuleData<typeof sleepDataSchema>;

export const setVariablesDataSchema = moduleData(() => ({
  // Kazoo 5.0 takes any object here, but 4.3 demands string values; strings work on both.
  custom_application_vars: z
    .record(z.string(), z.string({ error: 'must be a string (Kazoo 4.3 accepts only strings)' }))
    .meta({ default: {} }),
  export: z.boolean().optional(),
}));
export type SetVariablesData = ModuleData<typeof setVariablesDataSchema>;

export const temporalRouteDataSchema = moduleData(() => ({
  action: z.enum(['menu', 'enable', 'disable', 'reset']).optional(),
  interdigit_timeout: integer.optional(),
  rule_set: z.string().optional(),
  rules: kazooDefault(z.array(z.string()), []),
  timezone: z.string().optional(),
}));
export type TemporalRouteData = ModuleData<typeof temporalRouteDataSchema>;

export const webhookDataSchema = moduleData(() => ({
  uri: reachableHttpUrl.optional(),
  custom_data: jsonObject.optional(),
  http_verb: z.enum(['post', 'get']).optional(),
  retries: integer.optional(),
}));
export type WebhookData = ModuleData<typeof webhookDataSchema>;
