/**
 * What the module reference (docs/modules.md) and the editor schema say about
 * each callflow module beyond its fields: what it does, what must exist in
 * Kazoo for it to work, and one node's `data` that Kazoo accepts. Used by the
 * generators and tests only, never by the handlers.
 */
import type { CallflowModule } from '../moduleDataSchemas';
import { callingModules } from './callingModules';
import { flowModules } from './flowModules';
import { mediaModules } from './mediaModules';

export type ModuleGuide = {
  /** One sentence: what the caller or the operator notices. */
  does: string;
  /** The Kazoo object the node points at, when it must exist for the node to work. */
  needs?: string;
  /** A valid `data` for the module, as a route file would hold it. */
  example: Record<string, unknown>;
  /** Branch names the module picks among, when it has more than `_`. */
  children?: string;
  /** Notes on top-level data fields (units, what a value does), where the field name alone does not say. */
  fields?: Record<string, string>;
};

export const moduleGuide = { ...callingModules, ...mediaModules, ...flowModules } satisfies Record<CallflowModule, ModuleGuide>;
