import { diffRouteDocuments, type Change } from './diffRouteDocuments';
import type { LocalRoute } from './loadRouteFiles';
import { parseStoredText, withoutEditorKeys } from './storedRouteText';
import type { RouteAdmin } from './rulesCliTypes';

export type Comparison =
  | { status: 'created' }
  | { status: 'unchanged' }
  | { status: 'updated'; changes: Change[] }
  /** The item holds something we cannot read as a route document; writing replaces it whole. */
  | { status: 'replaced'; reason: string };

/** How the local route differs from what the table holds under its id (one consistent read). */
export async function compareWithStored(admin: RouteAdmin, local: LocalRoute): Promise<Comparison> {
  const text = await admin.getRoute(local.routeId);
  if (text === undefined) return { status: 'created' };
  const stored = parseStoredText(text);
  if (!stored.ok) return { status: 'replaced', reason: stored.reason };
  const changes = diffRouteDocuments(stored.document, withoutEditorKeys(local.document));
  return changes.length === 0 ? { status: 'unchanged' } : { status: 'updated', changes };
}
