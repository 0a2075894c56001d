import type { CallflowNode } from './callflowNode';
import { hasPlaceholder } from '../routes/placeholders';

/**
 * A route's answers that hold no placeholder are the same callflow on every
 * call: they are checked against Kazoo's rules once, and written as JSON once,
 * per route and policy, instead of on every request (twice, as before). An answer
 * with placeholders is filled in and checked whole on every request; so are step
 * prompts, whose follow-up URLs are signed per call.
 *
 * Keyed by the route's own objects: a route is parsed anew when it changes, and
 * its old objects (and what was learnt about them) go with it. Nothing here
 * mutates a template; nothing that receives one may either.
 */
const placeholderFree = new WeakMap<object, boolean>();
const verdicts = new WeakMap<object, Map<unknown, boolean>>();
const written = new WeakMap<object, Map<unknown, string>>();

/** True when no text anywhere in the template holds a `{{placeholder}}`. */
export function isFixedTemplate(template: CallflowNode): boolean {
  let fixed = placeholderFree.get(template);
  if (fixed === undefined) {
    fixed = !containsPlaceholder(template);
    placeholderFree.set(template, fixed);
  }
  return fixed;
}

function containsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return hasPlaceholder(value);
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsPlaceholder);
  return false;
}

/** The template's verdict under `policy`, judged by `check` the first time only. */
export function fixedVerdict(template: CallflowNode, policy: unknown, check: () => boolean): boolean {
  return remembered(verdicts, template, policy, check);
}

/** The template's JSON under `policy`, written (and checked) by `write` the first time only; `write` throws for an invalid one, which is not remembered. */
export function fixedJson(node: CallflowNode, policy: unknown, write: () => string): string {
  return placeholderFree.get(node) === true ? remembered(written, node, policy, write) : write();
}

function remembered<T>(cache: WeakMap<object, Map<unknown, T>>, key: object, policy: unknown, compute: () => T): T {
  let byPolicy = cache.get(key);
  if (!byPolicy) {
    byPolicy = new Map();
    cache.set(key, byPolicy);
  }
  if (byPolicy.has(policy)) return byPolicy.get(policy)!;
  const value = compute();
  byPolicy.set(policy, value);
  return value;
}
