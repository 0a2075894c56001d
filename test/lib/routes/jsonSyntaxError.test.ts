import { describe, expect, it } from '@jest/globals';
import { jsonErrorOffset, parseJsonText } from '../../../lib/routes/jsonSyntaxError';

describe('parseJsonText', () => {
  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: '],
    ['a value left out', '{"a": }', 'line 1, column 7: '],
    ['a trailing comma in a list', '[1,\n 2,\n]', 'line 3, column 1: '],
    ['text after the value', '{"a": 1}}', 'line 1, column 9: '],
    ['an unfinished document', '{"a": [1', 'line 1, column 9: '],
  ])('places %s at its line and column', (_, text, where) => {
    // Act
    const result = parseJsonText(text);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.startsWith(where)).toBe(true);
    expect(!result.ok && /position \d+/.test(result.error)).toBe(false);
  });

  it('finds no error in JSON that JSON.parse accepts', () => {
    // Prepare
    const texts = ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' "s" '];

    // Act
    const offsets = texts.map(jsonErrorOffset);

    // Assess
    expect(offsets).toEqual([undefined, undefined, undefined, undefined]);
    expect(texts.map((t) => parseJsonText(t).ok)).toEqual([true, true, true, true]);
  });
});
