/** `url <route> --kazoo`: the failover pivot node, checked as Kazoo would check it, and the numbers behind it. */
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import { isLoopbackHost } from '../../lib/callflow/modules/reachableUrl';
import { validateCallflow } from '../../lib/callflow/validateCallflow';
import { parseRoute } from '../../lib/routes/parseRoute';
import {
  CALLER_PATIENCE_MS,
  type FailoverChainOptions,
  failoverPivotNode,
  HOP_TIMEOUT_MS,
  MASTER_SILENCE_MS,
  worstCaseSilenceMs,
} from './failoverPivotNode';
import { loadRouteFiles } from './routeFiles';
import { EXIT_FAILED, EXIT_OK, parseStoredText, type RulesIo } from './routeTable';

/**
 * The route's fallback as Kazoo can run it on its own: a plain callflow with no
 * placeholder (Kazoo fills none in). A `goto` step needs us, so it cannot be the
 * last resort. Undefined: the chain ends without a last `_` (a warning says so).
 */
export async function routeFallbackFor(
  routeId: string,
  source: { storedText?: string; routeFile?: string },
  io: RulesIo,
): Promise<CallflowNode | undefined | 'invalid'> {
  let document: unknown;
  if (source.routeFile !== undefined) {
    const loaded = await loadRouteFiles([source.routeFile]);
    if (loaded.errors.length > 0) {
      for (const line of loaded.errors) io.stderr.write(`error: ${line}\n`);
      return 'invalid';
    }
    document = loaded.valid[0]!.document;
  } else if (source.storedText !== undefined) {
    const stored = parseStoredText(source.storedText);
    if (!stored.ok) {
      io.stderr.write(`error: route ${routeId} in the table: ${stored.reason}\n`);
      return 'invalid';
    }
    document = stored.document;
  }
  if (document === undefined) {
    io.stderr.write(
      "warning: no route file (--file) or table (--table / --endpoint) given, so the chain's last _ is not the route's fallback: add your own (e.g. voicemail)\n",
    );
    return undefined;
  }
  const route = parseRoute(document, routeId);
  const fallback = route.fallback;
  // Only a plain callflow can stand alone in Kazoo: a step, a split or TwiML needs a region to answer.
  if (!fallback || Array.isArray(fallback) || !('module' in fallback)) {
    const what = !fallback
      ? 'no fallback'
      : 'goto' in fallback
        ? 'an IVR step as fallback, which needs a region to answer'
        : 'a fallback only a region can answer';
    io.stderr.write(
      `warning: route ${routeId} has ${what}; the chain's last _ is left out: add a callflow Kazoo can run alone (e.g. voicemail)\n`,
    );
    return undefined;
  }
  if (JSON.stringify(fallback).includes('{{')) {
    io.stderr.write(`warning: route ${routeId}'s fallback holds placeholders only we fill in; the chain's last _ is left out\n`);
    return undefined;
  }
  return fallback;
}

export function printKazooNode(chain: FailoverChainOptions, io: RulesIo): number {
  const node = failoverPivotNode(chain);
  // The same referee as every answer we send: a node Kazoo refuses would fail at the first call.
  const local = chain.bases.every((base) => isLoopbackHost(new URL(base).hostname));
  const verdict = validateCallflow(node, { allowLoopbackUrls: local });
  if (!verdict.ok) {
    for (const issue of verdict.issues)
      io.stderr.write(`error: the pivot node fails Kazoo's schema: ${issue.path || '(root)'}: ${issue.message}\n`);
    return EXIT_FAILED;
  }
  io.stdout.write(`${JSON.stringify(node, null, 2)}\n`);
  const regions = chain.bases.length;
  const seconds = (ms: number) => `${ms / 1000} s`;
  io.stderr.write(
    `req_timeout_ms ${HOP_TIMEOUT_MS} per region (the handler's ${HOP_TIMEOUT_MS - 500} ms budget + 500 ms network). ` +
      `No region answering, the caller reaches the fallback after at most ${seconds(worstCaseSilenceMs(regions, '4.3'))} on Kazoo 4.3, ` +
      `${seconds(worstCaseSilenceMs(regions, 'master'))} on master (each timeout or connection error adds ~${seconds(MASTER_SILENCE_MS)} of silence there).\n`,
  );
  if (worstCaseSilenceMs(regions, '4.3') > CALLER_PATIENCE_MS) {
    io.stderr.write(
      `warning: ${regions} regions can keep a caller waiting longer than ~${seconds(CALLER_PATIENCE_MS)}; two regions are enough to survive one\n`,
    );
  }
  if (local) io.stderr.write('(loopback URLs: for npm run call only; a real Kazoo refuses them)\n');
  return EXIT_OK;
}
