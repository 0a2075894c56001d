import { describe, expect, it } from '@jest/globals';
import { InvalidCallflowError, renderPivotAnswer, type CallflowNode } from '../../../lib/callflow';
import { isFixedTemplate } from '../../../lib/callflow/fixedAnswers';
import { KAZOO_CALLFLOW_POLICY } from '../../../lib/callflow/validateCallflow';

const LOCAL_POLICY = { allowLoopbackUrls: true };
/** A pivot back to this machine: the local server may answer it, Kazoo's default config refuses it. */
const loopbackPivot = (): CallflowNode => ({ module: 'pivot', data: { voice_url: 'http://127.0.0.1:3000/pivot/x', method: 'GET' } });

describe('fixed answers (written and checked once per route and policy)', () => {
  it('knows a template with a placeholder anywhere from one without', () => {
    // Prepare
    const fixed: CallflowNode = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
    const filled: CallflowNode = {
      module: 'device',
      data: { id: 'a3f1c2d4e5f60718293a4b5c6d7e8f90' },
      children: { _: { module: 'play', data: { id: 'tts', text: 'Hello {{Caller-ID-Name}}' } } as unknown as CallflowNode },
    };

    // Act / Assess
    expect(isFixedTemplate(fixed)).toBe(true);
    expect(isFixedTemplate(filled)).toBe(false);
  });

  it('judges the same fixed answer under each policy on its own, whichever comes first', () => {
    // Prepare
    const node = loopbackPivot();
    isFixedTemplate(node);

    // Act
    const local = renderPivotAnswer(node, LOCAL_POLICY);
    const forKazoo = () => renderPivotAnswer(node, KAZOO_CALLFLOW_POLICY);

    // Assess: accepted locally, refused for Kazoo on every call (a refusal is never remembered as a body).
    expect(JSON.parse(local.body)).toEqual(node);
    expect(forKazoo).toThrow(InvalidCallflowError);
    expect(forKazoo).toThrow(InvalidCallflowError);
    expect(renderPivotAnswer(node, LOCAL_POLICY).body).toBe(local.body);
  });

  it('hands every caller its own answer object, so one request changing its headers leaves the next alone', () => {
    // Prepare
    const node: CallflowNode = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };
    isFixedTemplate(node);
    const first = renderPivotAnswer(node);

    // Act
    (first.headers as Record<string, string>)['x-extra'] = 'one request only';
    const second = renderPivotAnswer(node);

    // Assess
    expect(second.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(second.body).toBe(first.body);
  });
});
