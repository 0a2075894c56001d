import { describe, expect, it } from '@jest/globals';
import { sharedPatterns } from '../../../lib/routes/patternCache';
import { pivotTestRuntime } from '../../fixtures/pivotTestRuntime';

describe('PATTERN_CACHE_BYTES', () => {
  it('bounds the compiled patterns every route of the container shares', async () => {
    // Prepare
    await pivotTestRuntime({ env: { PATTERN_CACHE_BYTES: '40000' } });

    // Act: a hundred distinct patterns, as many routes of many tenants would bring
    for (let i = 0; i < 100; i++) sharedPatterns.match(`^\\+${i}(\\d{3})$`, '+1555');

    // Assess
    expect(sharedPatterns.bytes).toBeLessThanOrEqual(40_000);
    expect(sharedPatterns.size).toBeGreaterThan(0);
  });
});
