import { isLoopbackHost } from '../../lib/callflow/modules/reachableUrl';
import type { CallflowNode } from '../../lib/callflow';
import { CLOCK_HEADER } from '../localClock';
import { DigitScript, walkCallflow, type WalkResult } from './callflowWalker';
import { KazooCall, type CallParty } from './kazooCall';
import { type KazooVersion, realSleep, silenceBeforeFailover } from './kazooFailover';
import { kazooVerdict } from './kazooVerdict';
import { playTwiml } from './twimlPlayer';
import { KAZOO_TIMEOUT_MS, kazooRequest, sendPivotRequest, type HttpOutcome, type PivotSettings } from './pivotExchange';
import { describeDecision } from './describeDecision';
import { maskToken, type AnswerEvent, type EndEvent, type Transcript, type TranscriptEvent } from './transcript';

export type SimulatedCall = {
  /** The first pivot node's voice_url, token included. */
  voiceUrl: string;
  method: 'get' | 'post';
  body: 'form' | 'json';
  format: 'kazoo' | 'twiml';
  party: CallParty;
  /** Sent as x-pivot-clock on every request; only the local server honours it. */
  at?: Date;
  /** One entry per collect_dtmf, in order; '' or a missing entry is a timeout. */
  digits: string[];
  /** Whether bridged calls are answered (else: no answer, Kazoo follows `_`). */
  answer: boolean;
  /** Guards against an answer that pivots back forever. */
  maxRequests?: number;
  /**
   * The pivot node the call starts on, as pasted into Kazoo (its `_` chain of other
   * regions included, e.g. from `npm run rules -- url <route> --kazoo`); default a
   * bare pivot node on voiceUrl with the settings above.
   */
  entry?: CallflowNode;
  /** How a timeout or connection error fails over: at once (4.3, the default) or after ~10 s of silence (master). */
  kazooVersion?: KazooVersion;
  /** Waits out master's silence; tests inject one that only records it. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before request n (from 1) is sent: a rehearsal can stop a server mid-call. */
  beforeRequest?: (n: number) => Promise<void> | void;
};

export const DEFAULT_MAX_REQUESTS = 20;

type Pending = { settings: PivotSettings; pivotNode?: CallflowNode };

/** Plays a whole call as Kazoo would: request, judge the answer, run the callflow, follow pivots. */
export async function playCall(sim: SimulatedCall): Promise<Transcript> {
  // Playing against a server on this machine (npm start): its prompts pivot back to loopback,
  // which a real Kazoo would refuse but this stand-in must follow.
  const firstUrl = sim.entry ? String(sim.entry.data['voice_url']) : sim.voiceUrl;
  const policy = { allowLoopbackUrls: isLoopbackHost(new URL(firstUrl).hostname) };
  const kazooVersion = sim.kazooVersion ?? '4.3';
  const sleep = sim.sleep ?? realSleep;
  const call = new KazooCall(sim.party);
  const digits = new DigitScript(sim.digits);
  const events: TranscriptEvent[] = [];
  const headers: Record<string, string> = sim.at ? { [CLOCK_HEADER]: sim.at.toISOString() } : {};
  const maxRequests = sim.maxRequests ?? DEFAULT_MAX_REQUESTS;
  let failed = false;
  let requests = 0;
  let failovers = 0;
  let silenceMs = 0;
  let pending: Pending | undefined = sim.entry
    ? { settings: pivotSettingsOf(sim.entry), pivotNode: sim.entry }
    : {
        settings: {
          voiceUrl: sim.voiceUrl,
          method: sim.method,
          reqFormat: sim.format,
          reqBodyFormat: sim.body,
          timeoutMs: KAZOO_TIMEOUT_MS,
        },
      };
  let end: EndEvent | undefined;

  const run = (node: CallflowNode): WalkResult =>
    walkCallflow(node, call, { digits, answerBridges: sim.answer }, (event) => events.push(event));

  while (pending && !end) {
    if (requests >= maxRequests) {
      failed = true;
      end = { type: 'end', reason: 'request-limit', text: `stopped after ${maxRequests} requests: the answers pivot back without end` };
      break;
    }
    const { settings, pivotNode }: Pending = pending;
    pending = undefined;
    const n = ++requests;
    await sim.beforeRequest?.(n);
    const params = call.requestParams(settings.reqFormat);
    // A Gather's digits go with the request it makes, and only that one.
    call.gathered = undefined;
    const request = kazooRequest(settings, params);
    events.push({
      type: 'request',
      n,
      method: request.method,
      url: maskToken(settings.voiceUrl),
      format: settings.reqFormat,
      ...(request.method === 'POST' && { body: settings.reqBodyFormat }),
      params,
    });
    const outcome = await sendPivotRequest(request, settings.timeoutMs, headers);
    const verdict = kazooVerdict(outcome, policy);
    const answer = answerEvent(n, outcome, verdict.kind);
    if ('problem' in verdict) answer.problem = verdict.problem;

    let result: WalkResult;
    if (verdict.kind === 'callflow') {
      if (verdict.note) answer.note = verdict.note;
      events.push(answer);
      result = run(verdict.node);
    } else if (verdict.kind === 'pivot-failed') {
      const fallback: CallflowNode | undefined = pivotNode?.children?.['_'];
      const silence = silenceBeforeFailover(outcome, kazooVersion);
      if (silence > 0) {
        await sleep(silence);
        silenceMs += silence;
        answer.silenceMs = silence;
      }
      // A `_` that pivots elsewhere (another region) carries the call on: a failover, not a failure.
      const failover = fallback?.module === 'pivot';
      if (failover) failovers++;
      else failed = true;
      const after = silence > 0 ? `after ${silence / 1000} s of silence (Kazoo master), ` : '';
      answer.kazoo = failover
        ? `pivot failed: ${after}Kazoo takes the pivot node's _ branch, a pivot to ${maskToken(String(fallback.data['voice_url']))} (failover)`
        : fallback
          ? `pivot failed: ${after}Kazoo takes the pivot node's _ branch`
          : pivotNode
            ? 'pivot failed and the pivot node has no _ branch: Kazoo hangs up'
            : "pivot failed: Kazoo takes your pivot node's _ branch (and hangs up if it has none)";
      events.push(answer);
      result = fallback ? run(fallback) : { kind: 'end', reason: 'pivot-failed', text: `the pivot failed (request ${n})` };
    } else if (verdict.kind === 'hangup') {
      failed = true;
      answer.kazoo = 'Kazoo hangs up (a broken 200 never reaches the _ branch)';
      events.push(answer);
      result = { kind: 'end', reason: 'broken-answer', text: `Kazoo hangs up: ${verdict.problem}` };
    } else {
      if (verdict.note) answer.note = verdict.note;
      answer.kazoo = 'Kazoo runs the TwiML';
      events.push(answer);
      const played = playTwiml(verdict.root, call, { digits, answerBridges: sim.answer }, (event) => events.push(event));
      // A TwiML follow-up keeps the pivot node's settings (format, body) and its `_` branch.
      if (played.kind === 'request') {
        pending = { settings: { ...settings, voiceUrl: played.url, method: played.method }, pivotNode };
        continue;
      }
      result = played;
    }

    if (result.kind === 'pivot') pending = { settings: pivotSettingsOf(result.node), pivotNode: result.node };
    else end = { type: 'end', reason: result.reason, text: result.text };
  }

  events.push(end!);
  return {
    callId: sim.party.callId,
    voiceUrl: maskToken(firstUrl),
    ...(sim.at && { clock: sim.at.toISOString() }),
    failed,
    ending: end!.reason,
    requests,
    failovers,
    silenceMs,
    digits: { ...call.collections },
    vars: { ...call.customVars },
    events,
  };
}

function answerEvent(n: number, outcome: HttpOutcome, verdict: AnswerEvent['verdict']): AnswerEvent {
  const base: AnswerEvent = { type: 'answer', n, verdict, kazoo: 'Kazoo runs the callflow' };
  if (outcome.kind !== 'response') return base;
  return {
    ...base,
    status: outcome.status,
    ...(outcome.contentType !== undefined && { contentType: outcome.contentType }),
    ...(outcome.decidedBy !== undefined && { decidedBy: describeDecision(outcome.decidedBy) }),
  };
}

/** A pivot node's data with Kazoo's schema defaults (callflows.pivot): get, kazoo, form, 5000 ms. */
function pivotSettingsOf(node: CallflowNode): PivotSettings {
  const d = node.data;
  const timeout = typeof d['req_timeout_ms'] === 'number' ? Math.min(d['req_timeout_ms'], KAZOO_TIMEOUT_MS) : KAZOO_TIMEOUT_MS;
  return {
    voiceUrl: String(d['voice_url']),
    method: String(d['method'] ?? 'get').toLowerCase() === 'post' ? 'post' : 'get',
    reqFormat: d['req_format'] === 'twiml' ? 'twiml' : 'kazoo',
    reqBodyFormat: d['req_body_format'] === 'json' ? 'json' : 'form',
    timeoutMs: timeout,
  };
}
