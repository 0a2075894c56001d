/**
 * One node of a Kazoo callflow tree, as Kazoo's `callflows.action` schema
 * defines it. The same shape is what a pivot answer's JSON body must be.
 */
import * as z from 'zod';
import { stringLength } from './modules/primitives';

/** `_` is the default branch; other keys name a branch (a menu digit, a temporal rule id...). */
export const childKeySchema = z.string().min(1, { message: 'a child branch name must not be empty' });

/** One node without looking into its children: lets a walker check a tree node by node. */
export const callflowNodeShapeSchema = z.object({
  module: stringLength({ min: 1, max: 64 }),
  data: z.record(z.string(), z.unknown(), { error: 'data must be an object' }),
  children: z.record(childKeySchema, z.unknown(), { error: 'children must be an object' }).optional(),
});

export const callflowNodeSchema = z.object({
  module: callflowNodeShapeSchema.shape.module,
  data: callflowNodeShapeSchema.shape.data,
  get children(): z.ZodOptional<z.ZodRecord<typeof childKeySchema, typeof callflowNodeSchema>> {
    return z.record(childKeySchema, callflowNodeSchema, { error: 'children must be an object' }).optional();
  },
});

export type CallflowNode = z.infer<typeof callflowNodeSchema>;
