import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Hand marshalling for the low-level client: the project ships no lib-dynamodb /
 * util-dynamodb, and the two item shapes we store are small enough to spell out.
 */

export type DynamoItem = Record<string, AttributeValue>;

export const str = (value: string): AttributeValue => ({ S: value });
export const num = (value: number): AttributeValue => ({ N: String(value) });
export const bool = (value: boolean): AttributeValue => ({ BOOL: value });
export const strList = (values: readonly string[]): AttributeValue => ({ L: values.map(str) });
export const strMap = (record: Readonly<Record<string, string>>): AttributeValue => ({
  M: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, str(value)])),
});

/**
 * Any attribute value as plain JS (N becomes a number, sets become arrays, B stays
 * bytes). Used where we must hand over whatever is stored, valid or not, so the
 * schema that reads it can name the field at fault instead of us guessing.
 */
export function unwrapAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return unwrapItem(value.M);
  if (value.L !== undefined) return value.L.map(unwrapAttributeValue);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return value.B;
  if (value.BS !== undefined) return [...value.BS];
  return undefined;
}

export function unwrapItem(item: DynamoItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, unwrapAttributeValue(value)]));
}
