import * as z from 'zod';
import type { PivotBack } from '../rules/pivotBack';
import type { PivotRequest } from '../request/pivotRequest';

/**
 * Who calls, in a preview: the inputs a route's rules may look at besides the
 * clock. Absent fields are absent on the request too, as on a call that lacks them.
 */
export const previewCallerSchema = z.strictObject({
  callerIdNumber: z.string().min(1).optional(),
  callerIdName: z.string().min(1).optional(),
  /** The dialed number (Request and To). */
  dialed: z.string().min(1).optional(),
  language: z.string().min(1).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  userIds: z.array(z.string().min(1)).optional(),
  /** Custom-Application-Vars. */
  vars: z.record(z.string(), z.string()).optional(),
  /** DTMF collections already on the call (rules may test `digits`). */
  digits: z.record(z.string(), z.string()).optional(),
});
export type PreviewCaller = z.infer<typeof previewCallerSchema>;

/** The Pivot request Kazoo would send for this caller on a fresh call. */
export function previewRequest(routeId: string, caller: PreviewCaller = {}): PivotRequest {
  const collections = { ...caller.digits };
  const names = Object.keys(collections);
  const request: PivotRequest = {
    callId: `preview-${routeId}`,
    accountId: undefined,
    callerIdNumber: caller.callerIdNumber,
    callerIdName: caller.callerIdName,
    from: caller.callerIdNumber,
    to: caller.dialed,
    request: caller.dialed,
    language: caller.language,
    direction: caller.direction,
    dialect: 'kazoo',
    method: 'GET',
    bodyFormat: 'query',
    routeId,
    followUp: {},
    userIds: caller.userIds ?? [],
    digits: {
      collections,
      latest: names.length > 0 ? collections[names[names.length - 1]!] : undefined,
      form: names.length > 0 ? 'collections' : 'none',
    },
    customApplicationVars: { ...caller.vars },
    customSipHeaders: {},
    params: {},
  };
  return request;
}

/** A stand-in for the real callback URL: previews never place a call, they only need a valid prompt. */
export function previewPivotBack(routeId: string): PivotBack {
  return {
    method: 'get',
    reqFormat: 'kazoo',
    reqBodyFormat: 'form',
    voiceUrlFor: (step) => `https://preview.example/pivot/${routeId}?step=${encodeURIComponent(step)}`,
  };
}
