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
/**
 * Per policy (a process has one, the local server two), then per fixed template:
 * false when Kazoo would refuse it, true when it passed, its JSON once written
 * (which it passed too). One entry per answer a cached route has given: a Map per
 * template, or a map per fact, would cost every cached route again (bench:
 * memory.parsedRouteVsJson).
 */
const known = new WeakMap<object, WeakMap<object, boolean | string>>();

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
export function fixedVerdict(template: CallflowNode, policy: object, check: () => boolean): boolean {
  const facts = factsUnder(policy);
  const fact = facts.get(template);
  if (fact !== undefined) return fact !== false;
  const verdict = check();
  facts.set(template, verdict);
  return verdict;
}

/** The template's JSON under `policy`, written (and checked) by `write` the first time only; `write` throws for an invalid one, which is not remembered. */
export function fixedJson(node: CallflowNode, policy: object, write: () => string): string {
  if (placeholderFree.get(node) !== true) return write();
  const facts = factsUnder(policy);
  const fact = facts.get(node);
  if (typeof fact === 'string') return fact;
  const json = write();
  facts.set(node, json);
  return json;
}

function factsUnder(policy: object): WeakMap<object, boolean | string> {
  let facts = known.get(policy);
  if (!facts) {
    facts = new WeakMap();
    known.set(policy, facts);
  }
  return facts;
}
