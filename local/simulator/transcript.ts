import type { KazooParams } from '../../lib/request/encodeKazooParams';
import type { KazooVerdict } from './kazooVerdict';

/** Why the simulated call stopped. */
export type EndReason =
  | 'answered'
  | 'voicemail'
  | 'hangup'
  | 'end-of-callflow'
  | 'response'
  | 'conference'
  | 'other-callflow'
  | 'pivot-failed'
  | 'broken-answer'
  | 'request-limit';

export type RequestEvent = {
  type: 'request';
  n: number;
  method: 'GET' | 'POST';
  /** The voice_url requested, token masked. */
  url: string;
  format: 'kazoo' | 'twiml';
  body?: 'form' | 'json';
  /** Kazoo's parameters, as sent in the query string or the body. */
  params: KazooParams;
};

export type AnswerEvent = {
  type: 'answer';
  n: number;
  status?: number;
  contentType?: string;
  verdict: KazooVerdict['kind'];
  /** What Kazoo does with it, in words. */
  kazoo: string;
  problem?: string;
  note?: string;
  /** Kazoo master: the silence the caller heard after a timeout or connection error, before `_`. */
  silenceMs?: number;
  /** What produced the answer, in words (`rule business-hours`); only the local server says. */
  decidedBy?: string;
};

export type ActionEvent = {
  type: 'action';
  module: string;
  text: string;
  data: Record<string, unknown>;
  /** Bridges (device, user, ring_group, resources…): whether the simulated callee answered. */
  answered?: boolean;
  /** collect_dtmf: what the caller pressed ('' on a timeout). */
  pressed?: string;
};

export type EndEvent = { type: 'end'; reason: EndReason; text: string };

export type TranscriptEvent = RequestEvent | AnswerEvent | ActionEvent | EndEvent;

export type Transcript = {
  callId: string;
  voiceUrl: string;
  /** The x-pivot-clock sent, if any (honoured by the local server only). */
  clock?: string;
  /** True when Kazoo would fail the call: a non-200, a broken answer, a runaway loop. */
  failed: boolean;
  ending: EndReason;
  requests: number;
  /** Pivots that failed and whose `_` branch pivoted elsewhere (another region) instead. */
  failovers: number;
  /** Silence the caller heard waiting for failovers (Kazoo master), in ms. */
  silenceMs: number;
  /** DTMF collections on the call at the end. */
  digits: Record<string, string>;
  /** Custom application variables on the call at the end. */
  vars: Record<string, string>;
  events: TranscriptEvent[];
};

/** Tokens and follow-up signatures stay out of transcripts: they end up in terminals, CI logs and bug reports. */
export function maskToken(url: string): string {
  return url.replace(/([?&](?:token|sig)=)[^&#]*/gi, '$1***');
}
