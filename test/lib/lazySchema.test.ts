import { describe, expect, it } from '@jest/globals';
import * as z from 'zod';
import { lazySchema } from '../../lib/lazySchema';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    // Prepare
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.strictObject({ id: z.string().min(2) });
    });

    // Act
    const before = builds;
    const good = schema.safeParse({ id: 'ab' });
    const bad = schema.safeParse({ id: 'a', extra: 1 });

    // Assess
    expect(before).toBe(0);
    expect(builds).toBe(1);
    expect(good).toEqual({ success: true, data: { id: 'ab' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.code).sort()).toEqual(['too_small', 'unrecognized_keys']);
  });

  it('reads as the built schema everywhere zod and callers look: shape, instanceof, composition, JSON Schema', () => {
    // Prepare
    const data = lazySchema(() => z.looseObject({ timeout: z.number().int().optional().meta({ default: 5 }) }));

    // Act
    const wrapped = z.object({ data: data.optional() });
    const jsonSchema = z.toJSONSchema(data, { io: 'input' });

    // Assess
    expect(Object.keys(data.shape)).toEqual(['timeout']);
    expect(data instanceof z.ZodObject).toBe(true);
    expect(wrapped.safeParse({ data: { timeout: 1.5 } }).success).toBe(false);
    expect(wrapped.safeParse({ data: { timeout: 2, other: 'kept' } })).toEqual({
      success: true,
      data: { data: { timeout: 2, other: 'kept' } },
    });
    expect(jsonSchema).toMatchObject({ type: 'object', properties: { timeout: { type: 'integer', default: 5 } } });
  });
});
