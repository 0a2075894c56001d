/**
 * JSON-Schema (draft-04) value rules, written as zod, with the semantics Kazoo's
 * validator applies. Module data schemas are built only from these so that each
 * one reads like the `callflows.<module>.json` it mirrors.
 */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';

/**
 * JSON Schema counts string length in code points, not UTF-16 units, so an
 * emoji is one character for Kazoo; `z.string().min/max` would count it twice.
 */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function stringLength(bounds: { min?: number; max?: number }) {
  const { min = 0, max = Number.POSITIVE_INFINITY } = bounds;
  const expected = min === max ? `exactly ${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  return z
    .string()
    .refine(
      (value) => {
        const length = codePointLength(value);
        return length >= min && length <= max;
      },
      { message: `must be ${expected} characters long` },
    )
    .meta(jsonSchemaLimits({ minLength: min > 0 ? min : undefined, maxLength: Number.isFinite(max) ? max : undefined }));
}

/**
 * Refinements are invisible to z.toJSONSchema; these keys put the same limits
 * into the editor schema and docs/modules.md (absent limits are left out).
 */
function jsonSchemaLimits(limits: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

/**
 * draft-04 "integer" is any whole number; `z.int()` would also refuse values
 * beyond 2^53, which Kazoo accepts.
 */
export const integer = z.number().refine(Number.isInteger, { message: 'must be an integer' }).meta({ type: 'integer' });

export function integerBetween(bounds: { min?: number; max?: number }) {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = bounds;
  const range =
    max === Number.POSITIVE_INFINITY
      ? `at least ${min}`
      : min === Number.NEGATIVE_INFINITY
        ? `at most ${max}`
        : `between ${min} and ${max}`;
  // One check, so 5000.5 gets one message rather than "not an integer" plus "too big".
  return z
    .number()
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, {
      message: `must be an integer ${range}`,
    })
    .meta(
      jsonSchemaLimits({
        type: 'integer',
        minimum: Number.isFinite(min) ? min : undefined,
        maximum: Number.isFinite(max) ? max : undefined,
      }),
    );
}

/** Kazoo's oneOf/anyOf of plain types; zod's default union message ("Invalid input") says too little. */
export function oneOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(options: T, expected: string) {
  return z.union(options, { error: `must be ${expected}` });
}

export function uniqueStrings<T extends z.ZodType<string>>(item: T) {
  return z
    .array(item)
    .refine((items) => new Set(items).size === items.length, { message: 'must not repeat items' })
    .meta({ uniqueItems: true });
}

/**
 * An optional field and the value Kazoo assumes when it is absent. The default
 * is documentation only (editor hints, docs/modules.md): nothing is filled in,
 * the node goes to Kazoo as written.
 */
export function kazooDefault<T extends z.ZodType>(schema: T, value: z.input<T>) {
  return schema.optional().meta({ default: value });
}

/** Kazoo's usual terminator default: every key ends the prompt. */
export const ANY_KEY = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Fields whose schema demands `minLength: 32, maxLength: 32` (voicemail box, conference, owner ids). */
export const exactly32Chars = stringLength({ min: 32, max: 32 });

/** draft-04 `type: object`: a JSON object, never an array or null. */
export const jsonObject = z.record(z.string(), z.unknown());

/** Every module schema accepts it: true skips the node and goes on to its `_` child. */
export const skipModule = z.boolean().optional();

/**
 * A module's `data` as Kazoo sees it: the modelled fields are checked, any other
 * key is allowed, because none of the modelled schemas sets additionalProperties.
 */
export function moduleData<Shape extends z.core.$ZodLooseShape>(shape: () => Shape) {
  // Built on first use: a route uses a handful of the 78 modules (lib/lazySchema.ts).
  return lazySchema(() => z.looseObject({ ...shape(), skip_module: skipModule }));
}

/**
 * The typed view of a module's data for builders: the modelled fields only, so
 * a misspelt key is a type error even though Kazoo would tolerate it.
 */
export type ModuleData<S extends z.ZodObject> = z.input<z.ZodObject<S['shape']>>;
