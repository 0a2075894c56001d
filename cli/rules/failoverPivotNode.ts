/**
 * The pivot node `npm run rules -- url <route> --kazoo` prints: Kazoo has no
 * fallback URL, but a pivot node's `_` child runs when the pivot fails, and it can
 * be another pivot. So each region's voice_url is tried in turn, and the last `_`
 * is the route's own static fallback callflow (PIVOT-PROTOCOL.md, "When things go wrong").
 */
import { RUNTIME_DEFAULTS } from '../../adapters/lambda/runtimeConfig';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { pivot } from '../../lib/callflow/nodeBuilders';
import { FAILOVER_PARAMETERS } from '../../lib/request/failoverParameters';

/**
 * Per hop: the handler's budget (it answers, or answers 503, inside it) plus room for
 * the network and a cold TLS handshake. Shorter would cut off slow but good answers;
 * longer only keeps a caller waiting on a region that is not answering.
 */
export const NETWORK_MARGIN_MS = 500;
export const HOP_TIMEOUT_MS = RUNTIME_DEFAULTS.BUDGET_MS + NETWORK_MARGIN_MS;
/** Kazoo's ceiling for req_timeout_ms. */
export const KAZOO_MAX_TIMEOUT_MS = 5000;
/** Silence Kazoo master adds after a timeout or connection error before it runs `_`. */
export const MASTER_SILENCE_MS = 10_000;
/** About how long a caller listens to silence before hanging up. */
export const CALLER_PATIENCE_MS = 8000;

export type FailoverChainOptions = {
  routeId: string;
  token: string;
  /** Each region's pivot base (`https://…/pivot/`), primary first. */
  bases: readonly string[];
  /** The route's static fallback (e.g. voicemail), run when no region answers. */
  fallback?: CallflowNode;
  timeoutMs?: number;
};

/** The route URL of one region, without query. */
export function routeUrlIn(base: string, routeId: string): string {
  return `${base}${encodeURIComponent(routeId)}`;
}

/**
 * Region i's voice_url carries the token, the next region's route URL (`failover`: an
 * IVR step answered here sends its follow-up there if this region stops answering),
 * and `hop=i` for every region after the first, so metrics count failovers.
 */
export function chainVoiceUrl(options: FailoverChainOptions, i: number): string {
  const query = new URLSearchParams({ token: options.token });
  const next = options.bases[i + 1];
  if (next !== undefined) query.set(FAILOVER_PARAMETERS.failover, routeUrlIn(next, options.routeId));
  if (i > 0) query.set(FAILOVER_PARAMETERS.hop, String(i));
  return `${routeUrlIn(options.bases[i]!, options.routeId)}?${query.toString()}`;
}

export function failoverPivotNode(options: FailoverChainOptions): CallflowNode {
  const timeoutMs = Math.min(options.timeoutMs ?? HOP_TIMEOUT_MS, KAZOO_MAX_TIMEOUT_MS);
  let node: CallflowNode | undefined = options.fallback;
  for (let i = options.bases.length - 1; i >= 0; i--) {
    node = pivot(
      { voiceUrl: chainVoiceUrl(options, i), method: 'get', reqFormat: 'kazoo', reqTimeoutMs: timeoutMs },
      node ? { _: node } : {},
    );
  }
  return node!;
}

/** How long a caller waits before the route's fallback when no region answers. */
export function worstCaseSilenceMs(regions: number, version: '4.3' | 'master', timeoutMs = HOP_TIMEOUT_MS): number {
  return regions * (timeoutMs + (version === 'master' ? MASTER_SILENCE_MS : 0));
}
