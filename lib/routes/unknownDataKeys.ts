/**
 * Keys in a callflow node's `data` that its module does not define, and keys
 * beside `module`, `data` and `children`. Kazoo ignores the first and the
 * second never reach it, so they are not errors, but in a hand-written route
 * they are nearly always a typo (`timout`, `chidlren`) whose intended setting
 * silently does not apply: `rules validate` prints them as warnings, with the
 * key meant.
 */
import { isKnownModule, moduleDataSchemas } from '../callflow/moduleDataSchemas';
import { didYouMean } from '../didYouMean';
import type { FieldIssue } from '../errors';

/** A node's own keys; anything else beside them is dropped before the node is sent. */
const NODE_KEYS = ['module', 'data', 'children'];

/** The label Kazoo's own UI writes into data; never worth a warning. */
const UI_KEYS = new Set(['name']);

type Action = { path: string; node: unknown };
type Node = { path: string; node: Record<string, unknown> };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every callflow an operator wrote in a route document, with its path. */
function* callflowsOf(document: Record<string, unknown>): Generator<Action> {
  const rules = Array.isArray(document.rules) ? document.rules : [];
  for (const [i, rule] of rules.entries()) if (isObject(rule)) yield { path: `rules.${i}.then`, node: rule.then };
  const steps = isObject(document.steps) ? document.steps : {};
  for (const [name, step] of Object.entries(steps)) {
    if (!isObject(step)) continue;
    const options = Array.isArray(step.options) ? step.options : [];
    for (const [i, option] of options.entries()) if (isObject(option)) yield { path: `steps.${name}.options.${i}.then`, node: option.then };
    yield { path: `steps.${name}.onFailure`, node: step.onFailure };
  }
  yield { path: 'fallback', node: document.fallback };
}

function* nodesOf(node: unknown, path: string): Generator<Node> {
  // A goto or a TwiML answer is not a callflow node.
  if (!isObject(node) || !Object.hasOwn(node, 'module')) return;
  yield { path, node };
  if (!isObject(node.children)) return;
  for (const [key, child] of Object.entries(node.children)) yield* nodesOf(child, `${path}.children.${key}`);
}

export function unknownDataKeys(document: Record<string, unknown>): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  for (const action of callflowsOf(document)) {
    for (const { path, node } of nodesOf(action.node, action.path)) {
      for (const key of Object.keys(node)) {
        if (NODE_KEYS.includes(key)) continue;
        warnings.push({ path: `${path}.${key}`, message: `not a callflow node key, it is dropped${didYouMean(key, NODE_KEYS)}` });
      }
      const { module, data } = node;
      if (!isKnownModule(module) || !isObject(data)) continue;
      const known = Object.keys(moduleDataSchemas[module].shape);
      for (const key of Object.keys(data)) {
        if (known.includes(key) || UI_KEYS.has(key)) continue;
        const hint = didYouMean(key, known);
        warnings.push({ path: `${path}.data.${key}`, message: `not a ${module} field, Kazoo ignores it${hint}` });
      }
    }
  }
  return warnings;
}
