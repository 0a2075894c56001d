import { beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createPivotHandler } from '../../functions/pivot';
import type { CallflowNode } from '../../lib/callflow/callflowNode';
import type { KazooParams } from '../../lib/request/encodeKazooParams';
import { pivotEventV2, type PivotEventOptions } from '../fixtures/apiGatewayEvents';
import { DEVICE_ID, kazooParams, twimlParams } from '../fixtures/kazooCalls';
import { followUpQueryFor, lambdaContext, pivotTestRuntime, tokenQuery } from '../fixtures/pivotTestRuntime';
import { expectKazooValid } from '../support/kazooSchemas';
import { expectKazooRunsTwiml, find, textOf, verbs } from '../support/twimlAnswers';

type Setup = Awaited<ReturnType<typeof pivotTestRuntime>>;
type Result = APIGatewayProxyStructuredResultV2;

const ROUTE = 'twiml-hotline';
let setup: Setup;
let handler: ReturnType<typeof createPivotHandler>;

beforeAll(async () => {
  setup = await pivotTestRuntime({ now: new Date('2026-11-24T17:00:00Z') });
  handler = createPivotHandler(() => setup.runtime, setup.telemetry);
});

async function invoke(o: Partial<PivotEventOptions> & { params?: KazooParams } = {}): Promise<Result> {
  const event = pivotEventV2({ as: 'get', params: kazooParams(), route: ROUTE, voiceUrlQuery: tokenQuery(ROUTE), ...o });
  return handler(event, lambdaContext());
}

/** Follows a URL our answer handed Kazoo (a Gather action, a Redirect) the way Kazoo does: POST, form. */
function follow(url: string, params: KazooParams): Promise<Result> {
  return invoke({ as: 'form', voiceUrlQuery: new URL(url).search.slice(1), params });
}

function twimlOf(result: Result) {
  expect(result.statusCode).toBe(200);
  expect(result.headers?.['Content-Type']).toBe('application/xml');
  return expectKazooRunsTwiml(result.body!);
}

describe('a route answering TwiML through the real handler', () => {
  it('answers the welcome as application/xml: a Gather handing the key to the menu step, then a Redirect there', async () => {
    // Act
    const root = twimlOf(await invoke());

    // Assess
    expect(verbs(root)).toEqual(['Gather[Say]', 'Redirect']);
    const gather = find(root, 'Gather')!;
    const action = new URL(gather.attributes['action']!);
    expect(`${action.origin}${action.pathname}`).toBe(`https://abc123.execute-api.us-east-1.amazonaws.com/pivot/${ROUTE}`);
    expect([...action.searchParams.keys()]).toEqual(['token', 'step', 'exp', 'sig', 'ver']);
    expect(action.searchParams.get('step')).toBe('menu');
    expect(textOf(find(root, 'Redirect')!)).toBe(action.href);
    expect(gather.attributes).toMatchObject({ numDigits: '1', timeout: '5' });
    expect(textOf(find(root, 'Say')!)).toBe('Hello Ada Lovelace. For opening hours, press 1. For the front desk, press 2.');
  });

  it('escapes a caller name holding markup: it stays the text of the Say, never a verb', async () => {
    // Prepare
    const name = `</Say><Hangup/><Say a="1"> & 'co'`;

    // Act
    const result = await invoke({ params: kazooParams({ 'Caller-ID-Name': name }) });

    // Assess
    const root = twimlOf(result);
    expect(verbs(root)).toEqual(['Gather[Say]', 'Redirect']);
    expect(textOf(find(root, 'Say')!)).toBe(`Hello ${name}. For opening hours, press 1. For the front desk, press 2.`);
    expect(result.body).toContain(`&lt;/Say&gt;&lt;Hangup/&gt;&lt;Say a="1"&gt; &amp; 'co'`);
  });

  it('the digit a Gather collects continues the menu step: 1 answers its TwiML option', async () => {
    // Prepare
    const action = find(twimlOf(await invoke()), 'Gather')!.attributes['action']!;

    // Act
    const root = twimlOf(await follow(action, twimlParams({ Digits: '1' })));

    // Assess
    expect(verbs(root)).toEqual(['Say', 'Pause', 'Hangup']);
    expect(textOf(find(root, 'Say')!)).toBe('We are open from nine to five, Monday to Friday.');
  });

  it('2 dials the front desk device, then says goodbye if nobody answers', async () => {
    // Prepare
    const action = find(twimlOf(await invoke()), 'Gather')!.attributes['action']!;

    // Act
    const root = twimlOf(await follow(action, kazooParams({ Digits: '2' })));

    // Assess
    expect(verbs(root)).toEqual(['Dial', 'Say']);
    expect(textOf(find(root, 'Device')!)).toBe(DEVICE_ID);
  });

  it('the Redirect after a silent Gather counts as no input: the step asks again, as a Kazoo callflow', async () => {
    // Prepare
    const redirect = textOf(find(twimlOf(await invoke()), 'Redirect')!);

    // Act
    const result = await follow(redirect, twimlParams());

    // Assess
    expect(result.headers?.['Content-Type']).toBe('application/json');
    const node = JSON.parse(result.body!) as CallflowNode;
    expectKazooValid(node);
    expect(node).toMatchObject({ module: 'tts', data: { text: 'We did not hear a choice.' } });
  });

  it("a step prompt's pivot falls back to the TwiML fallback's callflow equivalent (Reject busy: SIP 486)", async () => {
    // Prepare
    const redirect = textOf(find(twimlOf(await invoke({ params: kazooParams({ 'Call-ID': 'call-pivot-fails' }) })), 'Redirect')!);

    // Act
    const result = await follow(redirect, twimlParams({ CallSid: 'call-pivot-fails' }));

    // Assess
    let node: CallflowNode | undefined = JSON.parse(result.body!) as CallflowNode;
    while (node && node.module !== 'pivot') node = node.children?.['_'];
    expect(node!.children).toEqual({ _: { module: 'response', data: { code: 486, message: 'busy' } } });
  });

  it('a key no option takes is an invalid entry, and the third one answers the TwiML onFailure', async () => {
    // Prepare
    const action = find(twimlOf(await invoke({ params: kazooParams({ 'Call-ID': 'call-invalid-keys' }) })), 'Gather')!.attributes[
      'action'
    ]!;
    const press = (digit: string) => follow(action, twimlParams({ CallSid: 'call-invalid-keys', Digits: digit }));

    // Act
    const first = await press('9');
    await press('8');
    const last = await press('7');

    // Assess
    expect(JSON.parse(first.body!)).toMatchObject({ module: 'tts', data: { text: 'Sorry, that is not an option.' } });
    expect(verbs(twimlOf(last))).toEqual(['Say', 'Hangup']);
  });

  it('a follow-up for the wrong step is refused like any forged follow-up', async () => {
    // Act
    const result = await invoke({ voiceUrlQuery: followUpQueryFor(ROUTE, 'another-call', 'menu'), params: twimlParams({ Digits: '1' }) });

    // Assess
    expect(result.statusCode).toBe(403);
  });
});
