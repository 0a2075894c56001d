import { describe, expect, it } from '@jest/globals';
import { InvalidCallflowError, renderPivotAnswer, type CallflowNode } from '../../../lib/callflow';
import { expectKazooValid } from '../../support/kazooSchemas';
import { ids } from './exampleNodes';

describe('renderPivotAnswer', () => {
  it('answers HTTP 200 with exactly application/json and the node as the body', () => {
    // Prepare
    const node: CallflowNode = {
      module: 'ring_group',
      data: {
        endpoints: [
          { id: ids.frontDeskDevice, endpoint_type: 'device' },
          { id: ids.salesUser, endpoint_type: 'user' },
        ],
        timeout: 25,
      },
      children: { _: { module: 'voicemail', data: { id: ids.mainVoicemailBox } } },
    };

    // Act
    const answer = renderPivotAnswer(node);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(answer.body)).toEqual(node);
    expectKazooValid(JSON.parse(answer.body));
  });

  it('refuses a node Kazoo would hang up on, listing every problem', () => {
    // Prepare
    const node = {
      module: 'ring_group',
      data: { endpoints: [ids.frontDeskDevice] },
      children: { _: { module: 'voicemail', data: { id: 'short' } } },
    } as CallflowNode;

    // Act
    const render = () => renderPivotAnswer(node);

    // Assess
    expect(render).toThrow(InvalidCallflowError);
    expect(render).toThrow(/data\.endpoints\.0: .*; children\._\.data\.id: must be exactly 32 characters long/);
  });

  it('exposes the issues on the error so the caller can log them', () => {
    // Prepare
    const node = { module: 'tts', data: {} } as CallflowNode;

    // Act
    let caught: unknown;
    try {
      renderPivotAnswer(node);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(InvalidCallflowError);
    expect((caught as InvalidCallflowError).issues).toEqual([{ path: 'data.text', message: expect.any(String) }]);
  });

  it('checks the JSON Kazoo will receive, not the object it was given', () => {
    // Prepare: toJSON turns an innocent-looking node into one without data.
    const node = { module: 'device', data: { id: ids.frontDeskDevice }, toJSON: () => ({ module: 'device' }) };

    // Act
    const render = () => renderPivotAnswer(node);

    // Assess
    expect(render).toThrow(InvalidCallflowError);
  });

  it('refuses a node that cannot be written as JSON instead of crashing', () => {
    // Prepare
    const cyclic: CallflowNode = { module: 'device', data: { id: ids.frontDeskDevice } };
    cyclic.children = { _: cyclic };
    const withBigInt: CallflowNode = { module: 'device', data: { id: ids.frontDeskDevice, timeout: 20 } };
    withBigInt.data.extra = 10n;

    // Act
    const renders = [() => renderPivotAnswer(cyclic), () => renderPivotAnswer(withBigInt)];

    // Assess
    for (const render of renders) expect(render).toThrow(InvalidCallflowError);
  });

  it('never writes a lone surrogate, which Kazoo would refuse and hang the call up: texts and keys go out as U+FFFD', () => {
    // Prepare: as a route could build it from hand-edited data, whatever the request side did
    const node: CallflowNode = {
      module: 'set_variables',
      data: { custom_application_vars: { ['\udc00note']: 'caller \ud83d', emoji: '\ud83d\ude00 kept' } },
      children: { _: { module: 'tts', data: { text: 'half \ud83d' } } },
    };

    // Act
    const answer = renderPivotAnswer(node);

    // Assess
    expect(answer.body).not.toMatch(/\\u[dD][89a-fA-F]/);
    expect(JSON.parse(answer.body)).toEqual({
      module: 'set_variables',
      data: { custom_application_vars: { '\uFFFDnote': 'caller \uFFFD', emoji: '\u{1F600} kept' } },
      children: { _: { module: 'tts', data: { text: 'half \uFFFD' } } },
    });
  });
});
