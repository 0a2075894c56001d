import { describe, expect, it } from '@jest/globals';
import { snakeCase, toKazooFields } from '../../../../lib/callflow/builders/buildNode';
import { moduleDataSchemas } from '../../../../lib/callflow';

function camelCase(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

describe('option names', () => {
  it('every Kazoo data field of every module survives the camelCase option round trip', () => {
    // Prepare
    const fields = Object.values(moduleDataSchemas).flatMap((schema) => Object.keys(schema.shape));

    // Act
    const broken = fields.filter((field) => snakeCase(camelCase(field)) !== field);

    // Assess
    expect(fields.length).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('converts only top-level keys, so SIP header names and profile keys arrive untouched', () => {
    // Prepare
    const options = { customSipHeaders: { 'X-Account': 'acme', X_Tag: 'a' }, useLocalResources: true };

    // Act
    const data = toKazooFields(options);

    // Assess
    expect(data).toEqual({ custom_sip_headers: { 'X-Account': 'acme', X_Tag: 'a' }, use_local_resources: true });
  });
});
