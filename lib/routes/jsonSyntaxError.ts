/**
 * Where a JSON text stops being JSON, as a line and column an editor can jump
 * to. JSON.parse says "at position 201", or nothing at all ("Unexpected token
 * '}', ... is not valid JSON"), so a small scanner finds the offending
 * character itself.
 */

export type TextPosition = { line: number; column: number };

/** 1-based line and column (in UTF-16 units, as editors count) of an offset into `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

class Stop {
  constructor(readonly offset: number) {}
}

/** The offset of the first character that makes `text` invalid JSON, or undefined if it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const expect = (char: string) => {
    if (text[i] !== char) throw new Stop(i);
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const char = text[i]!;
      if (char < ' ') throw new Stop(i);
      if (char === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Stop(i);
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) throw new Stop(i);
      }
      i++;
    }
    expect('"');
  };
  /** A `{…}` or `[…]`: items separated by commas, then the closing bracket. */
  const container = (close: string, item: () => void) => {
    i++;
    skip();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      skip();
      if (text[i] !== ',') break;
      i++;
    }
    expect(close);
  };
  const value = (depth: number): void => {
    if (depth > 10_000) throw new Stop(i);
    skip();
    const char = text[i];
    if (char === '{') {
      container('}', () => {
        skip();
        string();
        skip();
        expect(':');
        value(depth + 1);
      });
    } else if (char === '[') {
      container(']', () => value(depth + 1));
    } else if (char === '"') {
      string();
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      const length = literal?.length ?? NUMBER.exec(text.slice(i, i + 400))?.[0].length;
      if (length === undefined) throw new Stop(i);
      i += length;
    }
  };
  try {
    value(0);
    skip();
    return i < text.length ? i : undefined;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    // A stack overflow on absurd nesting: JSON.parse's own message will have to do.
    return undefined;
  }
}

/** JSON.parse's reason without its position or its echo of the text. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ after JSON at position \d+.*$/s, ' after the JSON value');
}

/** Parses `text`, or says where and why it is not JSON: `line 7, column 5: Expected ',' or '}' after property value`. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = positionOf(text, offset);
    return { ok: false, error: `line ${line}, column ${column}: ${reasonOf(error)}` };
  }
}
