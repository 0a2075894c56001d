/**
 * Checks a callflow tree the way Kazoo's pivot does before running it: the
 * node structure (`callflows.action`), then every node's `data` against its
 * module's schema, children included. Runs on every answer, so it uses the
 * precompiled zod schemas only, and it reports problems rather than throwing.
 */
import type * as z from 'zod';
import { callflowNodeShapeSchema, type CallflowNode } from './callflowNode';
import type { CallflowIssue } from '../errors';
import { isKnownModule, moduleDataSchemas } from './moduleDataSchemas';

export type CallflowValidation = { ok: true; node: CallflowNode } | { ok: false; issues: CallflowIssue[] };

type Path = readonly PropertyKey[];

export function validateCallflow(node: unknown): CallflowValidation {
  const issues: CallflowIssue[] = [];
  try {
    checkNode(node, [], issues, new Set());
  } catch (error) {
    // A getter that throws, a Proxy, a tree deep enough to exhaust the stack:
    // none may take the Lambda down; the answer is simply not sendable.
    issues.push({ path: '', message: `could not be checked: ${error instanceof Error ? error.message : String(error)}` });
  }
  return issues.length === 0 ? { ok: true, node: node as CallflowNode } : { ok: false, issues };
}

function checkNode(node: unknown, path: Path, issues: CallflowIssue[], ancestors: Set<object>): void {
  const shape = callflowNodeShapeSchema.safeParse(node);
  if (!shape.success) collectZodIssues(shape.error.issues, path, issues);
  if (!isJsonObject(node)) return;

  const { module, data, children } = node;
  if (typeof module === 'string' && module.length > 0) {
    if (!isKnownModule(module)) {
      issues.push({ path: formatPath([...path, 'module']), message: `unknown callflow module "${module}"` });
    } else if (isJsonObject(data)) {
      const result = moduleDataSchemas[module].safeParse(data);
      if (!result.success) collectZodIssues(result.error.issues, [...path, 'data'], issues);
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
      checkNode(child, childPath, issues, ancestors);
    }
  }
  ancestors.delete(node);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectZodIssues(zodIssues: readonly z.core.$ZodIssue[], base: Path, issues: CallflowIssue[]): void {
  for (const issue of zodIssues) {
    const path = formatPath([...base, ...issue.path]);
    // zod hides why a record key failed inside a nested issue list.
    const detail = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : '';
    issues.push({ path, message: detail ? `invalid key: ${detail}` : issue.message });
  }
}

function formatPath(path: Path): string {
  return path.map((segment) => String(segment)).join('.');
}
