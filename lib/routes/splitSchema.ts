import * as z from 'zod';

const branchName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)');

/**
 * `[{ "weight": 80, "then": … }, { "weight": 20, "then": … }]`: a weighted split.
 * A caller keeps the same branch (hash of caller number and route); the branch's
 * name shows in logs and metrics so the two can be compared.
 */
export function splitSchema<T extends z.ZodType>(action: T) {
  return z
    .array(
      z.strictObject({
        name: branchName.optional().describe('Shown in logs and metrics; defaults to branch-<position>'),
        weight: z.number().int().min(1).max(10_000).describe('Relative share of callers'),
        then: action,
      }),
    )
    .min(2, 'a split needs at least two branches')
    .max(20)
    .superRefine((branches, ctx) => {
      const seen = new Set<string>();
      for (const [i, b] of branches.entries()) {
        const label = b.name ?? `branch-${i + 1}`;
        if (seen.has(label)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `branch name "${label}" is used twice` });
        seen.add(label);
      }
    });
}
