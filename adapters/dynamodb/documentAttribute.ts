import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { str, unwrapAttributeValue } from './attributeValues';

/**
 * DynamoDB refuses documents nested deeper than 32 levels. A route that deep
 * (possible: routes may nest up to MAX_ROUTE_DEPTH) is stored as JSON text, the
 * older form every reader still takes.
 */
const MAX_MAP_DEPTH = 31;

/**
 * A route document as DynamoDB attributes: a native map, so the console shows an
 * editable tree instead of escaped JSON inside a string. Strings stay S, numbers
 * N, booleans BOOL, null NULL, arrays L, objects M.
 */
export function documentToAttribute(document: unknown): AttributeValue {
  return depthOf(document) > MAX_MAP_DEPTH ? str(JSON.stringify(document)) : toAttribute(document);
}

/** What a route attribute holds as plain JS: JSON text is returned as text, a map as an object. */
export function attributeToDocument(value: AttributeValue): unknown {
  return value.S !== undefined ? value.S : unwrapAttributeValue(value);
}

function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object') {
    return { M: Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toAttribute(child)])) };
  }
  throw new TypeError(`a route document holds only JSON values, not ${typeof value}`);
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}
