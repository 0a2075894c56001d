/**
 * Checks a callflow tree the way Kazoo's pivot does before running it: the
 * node structure (`callflows.action`), then every node's `data` against its
 * module's schema, children included. Runs on every answer, so it uses the
 * precompiled zod schemas only, and it reports problems rather than throwing.
 */
import type * as z from 'zod';
import { callflowNodeShapeSchema, type CallflowNode } from './callflowNode';
import type { FieldIssue } from '../errors';
import { didYouMean } from '../didYouMean';
import { isKnownModule, MODULE_NAME_HINTS, moduleDataSchemas } from './moduleDataSchemas';
import { isLoopbackRefusal } from './modules/reachableUrl';

export type CallflowValidation = { ok: true; node: CallflowNode } | { ok: false; issues: FieldIssue[] };

/**
 * What may pass beyond Kazoo's own defaults. Kazoo refuses loopback URLs, so
 * only a runtime no real Kazoo talks to (npm start and its call simulator, on
 * this machine) has reason to allow them. Passed explicitly, never set globally,
 * so the deployed functions cannot pick it up by accident.
 */
export type CallflowPolicy = { allowLoopbackUrls: boolean };

/** What Kazoo's pivot accepts out of the box: the policy wherever none is given. */
export const KAZOO_CALLFLOW_POLICY: CallflowPolicy = Object.freeze({ allowLoopbackUrls: false });

type Path = readonly PropertyKey[];
type Walk = { issues: FieldIssue[]; policy: CallflowPolicy; ancestors: Set<object> };

export function validateCallflow(node: unknown, policy: CallflowPolicy = KAZOO_CALLFLOW_POLICY): CallflowValidation {
  const issues: FieldIssue[] = [];
  try {
    checkNode(node, [], { issues, policy, ancestors: new Set() });
  } catch (error) {
    // A getter that throws, a Proxy, a tree deep enough to exhaust the stack:
    // none may take the Lambda down; the answer is simply not sendable.
    issues.push({ path: '', message: `could not be checked: ${error instanceof Error ? error.message : String(error)}` });
  }
  return issues.length === 0 ? { ok: true, node: node as CallflowNode } : { ok: false, issues };
}

function checkNode(node: unknown, path: Path, walk: Walk): void {
  const { issues, ancestors } = walk;
  const shape = callflowNodeShapeSchema.safeParse(node);
  if (!shape.success) collectZodIssues(shape.error.issues, path, walk);
  if (!isJsonObject(node)) return;

  const { module, data, children } = node;
  if (typeof module === 'string' && module.length > 0) {
    if (!isKnownModule(module)) {
      const hint = didYouMean(module, Object.keys(moduleDataSchemas), MODULE_NAME_HINTS);
      issues.push({ path: formatPath([...path, 'module']), message: `unknown callflow module "${module}"${hint}` });
    } else if (isJsonObject(data)) {
      const result = moduleDataSchemas[module].safeParse(data);
      if (!result.success) collectZodIssues(result.error.issues, [...path, 'data'], walk);
    }
  }

  if (!isJsonObject(children)) return;
  // Only a cycle is fatal (JSON cannot express it); a subtree shared by two branches is fine.
  ancestors.add(node);
  for (const [key, child] of Object.entries(children)) {
    const childPath = [...path, 'children', key];
    if (isJsonObject(child) && ancestors.has(child)) {
      issues.push({ path: formatPath(childPath), message: 'refers back to its own ancestor; a cycle cannot be sent as JSON' });
    } else {
      checkNode(child, childPath, walk);
    }
  }
  ancestors.delete(node);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectZodIssues(zodIssues: readonly z.core.$ZodIssue[], base: Path, { issues, policy }: Walk): void {
  for (const issue of zodIssues) {
    if (policy.allowLoopbackUrls && isLoopbackRefusal(issue)) continue;
    const path = formatPath([...base, ...issue.path]);
    // zod hides why a record key failed inside a nested issue list.
    const detail = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : '';
    issues.push({ path, message: detail ? `invalid key: ${detail}` : issue.message });
  }
}

function formatPath(path: Path): string {
  return path.map((segment) => String(segment)).join('.');
}
