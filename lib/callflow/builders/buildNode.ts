/**
 * What every builder shares: camelCase options turned into Kazoo's snake_case
 * data fields, and attaching children. Builders take camelCase so calling
 * code reads like the rest of the project; the data they emit always carries
 * Kazoo's exact field names.
 */
import type { CallflowNode } from '../callflowNode';
import type { CallflowModule } from '../moduleDataSchemas';

/** Branches of a node: `_` is the default one; others are named (menu digits, temporal rule ids...). */
export type Children = Record<string, CallflowNode>;

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A module's data fields under camelCase names; nested objects keep Kazoo's own shape. */
export type CamelOptions<Data> = { [K in keyof Data as K extends string ? CamelCase<K> : never]: Data[K] };

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Top-level keys only: nested values (SIP header names, conference profile keys) are Kazoo's as given. */
export function toKazooFields(options: object | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) data[snakeCase(key)] = value;
  }
  return data;
}

export function buildNode(module: CallflowModule, data: Record<string, unknown>, children?: Children): CallflowNode {
  return children === undefined ? { module, data } : { module, data, children };
}

/** Returns a copy of `node` with `children` added (a branch already there is replaced). */
export function withChildren(node: CallflowNode, children: Children): CallflowNode {
  return { ...node, children: { ...node.children, ...children } };
}

/**
 * Shorthand for the default branch: `followedBy(play(id), hangup())`. (Not
 * named `then`: a module exporting `then` turns `await import()` into a thenable.)
 */
export function followedBy(node: CallflowNode, next: CallflowNode): CallflowNode {
  return withChildren(node, { _: next });
}
