import * as z from 'zod';
import { PIVOT_PARAMETER_NAMES, type PivotScalarField } from './pivotParameterNames';

const optionalText = z.string().optional();

const scalarFields = Object.fromEntries(
  Object.keys(PIVOT_PARAMETER_NAMES).map((k) => [k, k === 'callId' ? z.string().min(1) : optionalText]),
) as { [K in PivotScalarField]: K extends 'callId' ? z.ZodString : z.ZodOptional<z.ZodString> };

/** One Pivot request, whatever dialect, method and body format Kazoo used. */
export const pivotRequestSchema = z.object({
  ...scalarFields,
  dialect: z.enum(['kazoo', 'twiml']),
  method: z.enum(['GET', 'POST']),
  /** How the parameters arrived, so a pivot back to us can ask for the same. */
  bodyFormat: z.enum(['query', 'form', 'json']),
  routeId: z.string().optional(),
  /** The IVR step the voice_url names (`?step=`), when this is a follow-up. */
  step: z.string().optional(),
  /** The credential from the voice_url. Never log a PivotRequest whole. */
  token: z.string().optional(),
  /** A follow-up URL's expiry (epoch seconds), signature and route version, as sent; checked with `step` before any read. */
  followUp: z.object({ exp: z.string().optional(), sig: z.string().optional(), ver: z.string().optional() }),
  userIds: z.array(z.string()),
  digits: z.object({
    /** Every DTMF collection Kazoo reported (a TwiML plain string lands in `default`). */
    collections: z.record(z.string(), z.string()),
    /** The most recent value: the TwiML string, or the last collection listed. */
    latest: z.string().optional(),
    form: z.enum(['none', 'string', 'collections']),
  }),
  customApplicationVars: z.record(z.string(), z.string()),
  customSipHeaders: z.record(z.string(), z.string()),
  /** Every parameter as received (brackets expanded), unknown ones included, control ones excluded. */
  params: z.record(z.string(), z.unknown()),
});

export type PivotRequest = z.infer<typeof pivotRequestSchema>;
