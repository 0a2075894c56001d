import { pivotEventV2 } from '../../test/fixtures/apiGatewayEvents';
import { kazooParams } from '../../test/fixtures/kazooCalls';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { BENCH_TOKEN } from './pivotBench';

/**
 * API Gateway v2 events as Kazoo's pivot node sends them (GET, req_format=kazoo),
 * built by the test fixtures' encoder so the bench feeds the handler what the
 * tests prove it handles.
 */
export function entryEvent(route: string, callId: string, extra: KazooParams = {}) {
  return pivotEventV2({ as: 'get', route, voiceUrlQuery: `token=${BENCH_TOKEN}`, params: kazooParams({ 'Call-ID': callId, ...extra }) });
}

/** The pivot back from an IVR step prompt: `step` in the voice_url, the collected digits in the parameters. */
export function followUpEvent(route: string, callId: string, step: string, digits: Record<string, string>) {
  return pivotEventV2({
    as: 'get',
    route,
    voiceUrlQuery: `token=${BENCH_TOKEN}&step=${step}`,
    params: kazooParams({ 'Call-ID': callId, Digits: digits }),
  });
}

/** Kazoo's cdr_url callback at hang-up. */
export function cdrEvent(route: string, callId: string) {
  return pivotEventV2({
    as: 'form',
    route,
    path: `/pivot/${route}/cdr`,
    voiceUrlQuery: `token=${BENCH_TOKEN}`,
    params: kazooParams({ 'Call-ID': callId, 'Hangup-Cause': 'NORMAL_CLEARING', 'Duration-Seconds': '42' }),
  });
}
