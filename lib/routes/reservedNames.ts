import type * as z from 'zod';

/**
 * Names every JavaScript object already answers to (`constructor`, `toString`,
 * `__proto__`…) plus `prototype`. A step, variable or digit collection with one
 * of these names would look itself up in a plain object and find Object.prototype's
 * member instead of the caller's value, so route validation refuses them by name.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

function reservedNameMessage(name: string): string {
  return `"${name}" is a reserved name (every JavaScript object has it); choose another`;
}

/** zod check for a name the route looks values up by. */
export function refuseReservedName(name: string, ctx: z.RefinementCtx): void {
  if (isReservedName(name)) ctx.addIssue({ code: 'custom', message: reservedNameMessage(name) });
}

/** zod check for a map whose keys are such names; the issue sits at the key. */
export function refuseReservedKeys(map: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(map)) {
    if (isReservedName(key)) ctx.addIssue({ code: 'custom', path: [key], message: reservedNameMessage(key) });
  }
}
