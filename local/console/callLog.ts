import type { FunnelEvent } from '../../lib/pivot/ivrFunnel';

/**
 * The last calls this local server answered, each as a timeline of its Pivot
 * requests. Bounded both ways (calls kept, requests per call) so a Kazoo
 * hammering `npm start` for a day cannot grow it; the oldest call goes first.
 * Digit values are never kept, only whether the caller pressed anything.
 */
export type TimelineEntry = {
  /** 1 for the call's first request. */
  n: number;
  /** The instant the rules were judged at (x-pivot-clock or the server clock), ISO. */
  judgedAt: string;
  /** When the server received it, ISO. */
  receivedAt: string;
  method: string;
  /** The IVR step a follow-up answered (`?step=`). */
  step?: string;
  /** A follow-up delivered input (true) or timed out (false). */
  heardInput?: boolean;
  /** What decided the answer: rule:business-hours, option:menu.1, retry:menu, fallback… */
  outcome: string;
  /** The step the answer prompts next. */
  awaiting?: string;
  status: number;
  /** The answer in words: "ring device a3f1… → voicemail b7e2…", "prompt step menu", "503 …". */
  answer: string;
  latencyMs: number;
  /** What the request added to the route's IVR funnel (as the deployed metrics count it). */
  funnel: FunnelEvent[];
};

export type CallTimeline = { callId: string; routeId?: string; firstSeen: string; entries: TimelineEntry[]; truncated: boolean };

export type CallLogLimits = { maxCalls: number; maxEntriesPerCall: number };
export const DEFAULT_CALL_LOG_LIMITS: CallLogLimits = { maxCalls: 50, maxEntriesPerCall: 40 };

export class CallLog {
  // Map keeps insertion order: re-inserting a call on each request makes it the newest.
  private readonly calls = new Map<string, CallTimeline>();

  constructor(private readonly limits: CallLogLimits = DEFAULT_CALL_LOG_LIMITS) {}

  record(callId: string, routeId: string | undefined, entry: Omit<TimelineEntry, 'n'>): void {
    const call = this.calls.get(callId) ?? { callId, routeId, firstSeen: entry.receivedAt, entries: [], truncated: false };
    this.calls.delete(callId);
    this.calls.set(callId, call);
    if (call.entries.length < this.limits.maxEntriesPerCall) call.entries.push({ n: call.entries.length + 1, ...entry });
    else call.truncated = true;
    while (this.calls.size > this.limits.maxCalls) this.calls.delete(this.calls.keys().next().value!);
  }

  /** Most recently active first. */
  recent(): CallTimeline[] {
    return [...this.calls.values()].reverse();
  }

  /** Every funnel event of the kept calls on one route. */
  funnelOf(routeId: string): FunnelEvent[] {
    return [...this.calls.values()].filter((c) => c.routeId === routeId).flatMap((c) => c.entries.flatMap((e) => e.funnel));
  }

  get(callId: string): CallTimeline | undefined {
    return this.calls.get(callId);
  }
}
