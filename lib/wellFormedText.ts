/**
 * Text with every lone surrogate replaced by U+FFFD. JSON.parse accepts `"\ud83d"`
 * (half of an emoji) and JSON.stringify writes it back as that escape, but Kazoo's
 * JSON decoder refuses it and hangs the call up. Whatever we read is made
 * well-formed on the way in, and every answer again on the way out.
 */
type WellFormedString = { isWellFormed(this: string): boolean; toWellFormed(this: string): string };

// Node 20 has both; the project's TypeScript lib (ES2023) does not declare them yet.
const { isWellFormed, toWellFormed } = String.prototype as unknown as WellFormedString;

export function wellFormedText(text: string): string {
  return isWellFormed.call(text) ? text : toWellFormed.call(text);
}

export function isWellFormedText(text: string): boolean {
  return isWellFormed.call(text);
}
