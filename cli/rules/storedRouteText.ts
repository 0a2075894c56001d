/**
 * The route text kept in the table: compact JSON of the document as the operator
 * wrote it (no defaults filled in, keys in their written order), minus `$schema`,
 * which only tells an editor where the schema file sits next to the source file.
 * Comparisons (unchanged / updated) are structural, so reformatting a file or
 * moving it between JSON and YAML changes nothing.
 */
export function toStoredText(document: Record<string, unknown>): string {
  return JSON.stringify(withoutEditorKeys(document));
}

export function withoutEditorKeys(document: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _editorOnly, ...rest } = document;
  return rest;
}

export type StoredDocument = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/** Reads back what the table holds; a hand-edited item may not even be JSON. */
export function parseStoredText(text: string): StoredDocument {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'the stored text is not a JSON object' };
    return { ok: true, document: withoutEditorKeys(value as Record<string, unknown>) };
  } catch (error) {
    return { ok: false, reason: `the stored text is not JSON (${(error as Error).message})` };
  }
}
