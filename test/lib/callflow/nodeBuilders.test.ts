import { describe, expect, it } from '@jest/globals';
import { collectDtmf, moduleDataSchemas, pivot, play, tts } from '../../../lib/callflow';
import { snakeCase, toKazooFields } from '../../../lib/callflow/nodeBuilders';
import { expectKazooValid } from '../../support/kazooSchemas';

const BUILT_MODULES = ['tts', 'play', 'collect_dtmf', 'pivot'] as const;

function camelCase(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

describe('node builders emit Kazoo field names', () => {
  it('collectDtmf maps the millisecond options onto timeout and interdigit_timeout, in the order given', () => {
    // Prepare
    const options = { collectionName: 'pin', maxDigits: 4, timeoutMs: 5000, interdigitTimeoutMs: 1500, terminators: ['#' as const] };

    // Act
    const node = collectDtmf(options);

    // Assess
    expect(node).toEqual({
      module: 'collect_dtmf',
      data: { collection_name: 'pin', max_digits: 4, timeout: 5000, interdigit_timeout: 1500, terminators: ['#'] },
    });
    expect(Object.keys(node.data)).toEqual(['collection_name', 'max_digits', 'timeout', 'interdigit_timeout', 'terminators']);
    expectKazooValid(node);
  });

  it('pivot writes voice_url, method, req_format, req_body_format and req_timeout_ms', () => {
    // Prepare
    const voiceUrl = 'https://pivot.example.com/prod/pivot?token=4f9c2b7e1a';

    // Act
    const node = pivot({ voiceUrl, method: 'post', reqFormat: 'kazoo', reqBodyFormat: 'form', reqTimeoutMs: 3000 });

    // Assess
    expect(node.data).toEqual({
      voice_url: voiceUrl,
      method: 'post',
      req_format: 'kazoo',
      req_body_format: 'form',
      req_timeout_ms: 3000,
    });
    expectKazooValid(node);
  });

  it('tts and play carry their required field first and leave out options that were not given', () => {
    // Prepare
    const next = { module: 'hangup', data: {} };

    // Act
    const speech = tts('Goodbye.', { voice: 'female', language: undefined }, { _: next });
    const media = play('7d3a9f2c6e1b48d5a0c9e8f7b6a5d4c3');

    // Assess
    expect(speech).toEqual({ module: 'tts', data: { text: 'Goodbye.', voice: 'female' }, children: { _: next } });
    expect(Object.keys(speech.data)).toEqual(['text', 'voice']);
    expect(media).toEqual({ module: 'play', data: { id: '7d3a9f2c6e1b48d5a0c9e8f7b6a5d4c3' } });
    expectKazooValid(speech);
  });

  it('keeps an empty children object when one is given, as the IVR prompt answer always has', () => {
    // Act
    const node = pivot({ voiceUrl: 'https://pivot.example.com/p' }, {});

    // Assess
    expect(JSON.stringify(node)).toBe('{"module":"pivot","data":{"voice_url":"https://pivot.example.com/p"},"children":{}}');
  });
});

describe('option names', () => {
  it('every data field of the built modules survives the camelCase option round trip', () => {
    // Prepare
    const fields = BUILT_MODULES.flatMap((module) => Object.keys(moduleDataSchemas[module].shape));

    // Act
    const broken = fields.filter((field) => snakeCase(camelCase(field)) !== field);

    // Assess
    expect(fields.length).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('converts only top-level keys, so nested names arrive untouched', () => {
    // Prepare
    const options = { customData: { 'X-Account': 'acme', X_Tag: 'a' }, useLocalResources: true };

    // Act
    const data = toKazooFields(options);

    // Assess
    expect(data).toEqual({ custom_data: { 'X-Account': 'acme', X_Tag: 'a' }, use_local_resources: true });
  });
});
