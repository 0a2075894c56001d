/**
 * The keys a route document may hold at a given place, read from the zod route
 * schema itself: what a "did you mean" for an unknown key picks from. Where a
 * union allows several object shapes (a goto or a callflow; a tts or a play
 * prompt), the keys of all of them.
 */
import type * as z from 'zod';

type Def = { type: string; [key: string]: unknown };

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** The schemas a value at `path` below `schema` is checked against (several, through unions). */
function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[], depth = 0): z.core.$ZodType[] {
  if (depth > 64) return [];
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return schemasAt(def['innerType'] as z.core.$ZodType, path, depth + 1);
  if (def.type === 'pipe') return schemasAt(def['in'] as z.core.$ZodType, path, depth + 1);
  if (def.type === 'union') return (def['options'] as z.core.$ZodType[]).flatMap((option) => schemasAt(option, path, depth + 1));
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, z.core.$ZodType>;
      return typeof head === 'string' && Object.hasOwn(shape, head) ? schemasAt(shape[head]!, rest, depth + 1) : [];
    }
    case 'array':
      return schemasAt(def['element'] as z.core.$ZodType, rest, depth + 1);
    case 'record':
      return schemasAt(def['valueType'] as z.core.$ZodType, rest, depth + 1);
    default:
      return [];
  }
}

export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const found of schemasAt(schema, path)) {
    const def = defOf(found);
    if (def.type === 'object') for (const key of Object.keys(def['shape'] as object)) keys.add(key);
  }
  return [...keys];
}
