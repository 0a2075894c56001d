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
/**
 * What is known of each template, in one entry (one entry per answer a cached
 * route has given: a Map per template, or a map per fact, would cost every cached
 * route again; bench: memory.parsedRouteVsJson). `false`: it holds a placeholder;
 * `true`: it holds none; then, under the first policy that judges it (a process
 * has one, the local server two): PASSED or REFUSED, or its JSON once written
 * (it passed then too). Other policies' facts live in `elsewhere`.
 */
type Fact = boolean | typeof PASSED | typeof REFUSED | string;
const PASSED = 1;
const REFUSED = 0;
const facts = new WeakMap<object, Fact>();
let firstPolicy: object | undefined;
const elsewhere = new WeakMap<object, WeakMap<object, Fact>>();

/** True when no text anywhere in the template holds a `{{placeholder}}`. */
export function isFixedTemplate(template: CallflowNode): boolean {
  let fact = facts.get(template);
  if (fact === undefined) {
    fact = !containsPlaceholder(template);
    facts.set(template, fact);
  }
  return fact !== false;
}

function containsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return hasPlaceholder(value);
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsPlaceholder);
  return false;
}

/** The template's verdict under `policy`, judged by `check` the first time only. */
export function fixedVerdict(template: CallflowNode, policy: object, check: () => boolean): boolean {
  // Fixedness first: under the first policy the verdict takes the place of `true`, never of `false`.
  if (!isFixedTemplate(template)) return check();
  const judged = judgedUnder(policy);
  const fact = judged.get(template);
  if (fact === REFUSED) return false;
  if (fact === PASSED || typeof fact === 'string') return true;
  const verdict = check();
  judged.set(template, verdict ? PASSED : REFUSED);
  return verdict;
}

/** The template's JSON under `policy`, written (and checked) by `write` the first time only; `write` throws for an invalid one, which is not remembered. */
export function fixedJson(node: CallflowNode, policy: object, write: () => string): string {
  // Only a template known to be fixed (isFixedTemplate) is written once; anything else, every time.
  if (facts.get(node) === undefined || facts.get(node) === false) return write();
  const judged = judgedUnder(policy);
  const fact = judged.get(node);
  if (typeof fact === 'string') return fact;
  const json = write();
  judged.set(node, json);
  return json;
}

/** The map holding `policy`'s facts: the shared one for the first policy, its own for any other. */
function judgedUnder(policy: object): WeakMap<object, Fact> {
  firstPolicy ??= policy;
  if (policy === firstPolicy) return facts;
  let judged = elsewhere.get(policy);
  if (!judged) {
    judged = new WeakMap();
    elsewhere.set(policy, judged);
  }
  return judged;
}
