import { describe, expect, it } from '@jest/globals';
import { isKnownModule, moduleDataSchemas } from '../../../lib/callflow';
import { hasKazooSchema, itWithKazooSchemas } from '../../support/kazooSchemas';

describe('moduleDataSchemas', () => {
  itWithKazooSchemas('lists only modules Kazoo has a callflows.<module> schema for', () => {
    // Prepare
    const modules = Object.keys(moduleDataSchemas);

    // Act
    const unknownToKazoo = modules.filter((module) => !hasKazooSchema(`callflows.${module}`));

    // Assess
    expect(modules).toHaveLength(78);
    expect(unknownToKazoo).toEqual([]);
  });

  it('isKnownModule recognises listed modules and nothing inherited from Object.prototype', () => {
    // Prepare
    const names: unknown[] = ['ring_group', 'pivot', 'callflow', 'no_such', 'toString', '__proto__', 'constructor', 42];

    // Act
    const known = names.map((name) => isKnownModule(name));

    // Assess
    expect(known).toEqual([true, true, true, false, false, false, false, false]);
  });
});
