import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { moduleDataSchemas } from '../../lib/callflow';
import { generateModuleDocsText, MODULE_DOCS_PATH } from '../../scripts/generateModuleDocs';

describe('docs/modules.md', () => {
  it('is what `npm run schema` generates from the module models today', () => {
    // Prepare
    const checkedIn = readFileSync(MODULE_DOCS_PATH, 'utf8');

    // Act
    const fresh = generateModuleDocsText();

    // Assess
    if (checkedIn !== fresh) throw new Error('stale docs/modules.md: run `npm run schema`');
  });

  it('has a section with a field table or a "no fields" line, and an example, for every module', () => {
    // Prepare
    const text = generateModuleDocsText();
    const sections = text.split('\n### ').slice(1);

    // Act
    const documented = sections.map((section) => ({
      module: /^`([a-z_]+)`/.exec(section)?.[1],
      hasFields: section.includes('| Field | Type | Default | Limits |') || section.includes('No fields of its own.'),
      hasExample: /```json\n\{\n {2}"module": "[a-z_]+",\n {2}"data": /.test(section),
    }));

    // Assess
    expect(documented.map((d) => d.module).sort()).toEqual(Object.keys(moduleDataSchemas).sort());
    expect(documented.filter((d) => !d.hasFields || !d.hasExample)).toEqual([]);
  });

  it('shows a default and a limit where the model has them', () => {
    // Prepare
    const text = generateModuleDocsText();

    // Act
    const ringGroupRepeats = text.split('\n').find((line) => line.startsWith('| `repeats` | integer | `1` |') && line.includes('≥ 1'));
    const pivotTimeout = text.split('\n').find((line) => line.startsWith('| `req_timeout_ms` |'));

    // Assess
    expect(ringGroupRepeats).toBeDefined();
    expect(pivotTimeout).toContain('≤ 5000');
  });
});
