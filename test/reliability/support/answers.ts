import { expect } from '@jest/globals';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { createPivotHandler } from '../../../functions/pivot';
import { lambdaContext } from '../../fixtures/pivotTestRuntime';
import { kazooCallflowErrors, kazooSchemasPresent } from '../../support/kazooSchemas';
import { parseTwiml } from '../../../lib/twiml/twimlDocument';
import { checkTwimlSubset } from '../../../lib/twiml/twimlSubset';

export type PivotHandler = ReturnType<typeof createPivotHandler>;
export type Answer = { statusCode: number; headers: Record<string, string>; body: string; json: unknown; elapsedMs: number };

/**
 * Runs one event through the handler and measures how long the answer took. The
 * Lambda context reports `remainingMs` left (the deployed timeout is budget + 0.5 s,
 * rounded up to a second: 3 s for the default budget); middy gives up just before.
 */
export async function invoke(handler: PivotHandler, event: unknown, remainingMs = 3_000): Promise<Answer> {
  const context = { ...lambdaContext(), getRemainingTimeInMillis: () => remainingMs };
  const started = performance.now();
  const result = (await handler(event as APIGatewayProxyEventV2, context)) as APIGatewayProxyStructuredResultV2;
  const elapsedMs = performance.now() - started;
  const body = typeof result.body === 'string' ? result.body : '';
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { statusCode: result.statusCode ?? 0, headers: (result.headers ?? {}) as Record<string, string>, body, json, elapsedMs };
}

const STACK_TRACE = /\n\s+at |\bat .+\.(?:ts|js|mjs|cjs):\d+|node:internal|Error: .*\n/;

/**
 * What Kazoo can act on: a 200 with Content-Type application/json and a node its
 * schemas accept, a 200 with application/xml and TwiML in the subset Kazoo runs,
 * or a 4xx / 503 with a JSON error. Returns the reasons it is not.
 */
export function brokenAnswerReasons(answer: Pick<Answer, 'statusCode' | 'headers' | 'body' | 'json'>): string[] {
  if (answer.statusCode === 200 && answer.headers['Content-Type'] === 'application/xml') return twimlReasons(answer.body);
  const reasons: string[] = [];
  if (answer.headers['Content-Type'] !== 'application/json') reasons.push(`Content-Type is ${answer.headers['Content-Type']}`);
  if (answer.json === undefined) reasons.push('body is not JSON');
  if (STACK_TRACE.test(answer.body)) reasons.push('body carries a stack trace');
  if (answer.statusCode === 200) {
    // Without Kazoo's schemas (a plain clone) the other reasons are still checked.
    if (kazooSchemasPresent) reasons.push(...kazooCallflowErrors(answer.json).map((e) => `Kazoo refuses the node: ${e}`));
  } else if ((answer.statusCode >= 400 && answer.statusCode < 500) || answer.statusCode === 503) {
    const error = (answer.json as { error?: unknown } | undefined)?.error;
    if (typeof error !== 'string' || error === '') reasons.push('error answer without an "error" field');
  } else {
    reasons.push(`status ${answer.statusCode}`);
  }
  return reasons;
}

function twimlReasons(body: string): string[] {
  const parsed = parseTwiml(body);
  if (!parsed.ok) return [`not TwiML Kazoo reads: ${parsed.issue.message}`];
  const issues = checkTwimlSubset(parsed.root, { hasStep: () => false, allowLoopbackUrls: false });
  return [
    ...issues.map((i) => `Kazoo cannot run ${i.path}: ${i.message}`),
    ...(STACK_TRACE.test(body) ? ['body carries a stack trace'] : []),
  ];
}

export function expectUsableAnswer(answer: Answer): void {
  expect(brokenAnswerReasons(answer)).toEqual([]);
}

/** Numbers a test wants in docs/reliability.md; printed when RELIABILITY_REPORT=1. */
const measurements: Record<string, unknown> = {};

export function report(key: string, value: unknown): void {
  measurements[key] = value;
}

export function printReport(title: string): void {
  if (process.env['RELIABILITY_REPORT'] === '1') console.log(`${title}\n${JSON.stringify(measurements, null, 1)}`);
}
