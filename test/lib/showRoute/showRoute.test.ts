import { describe, expect, it } from '@jest/globals';
import { describeRoute } from '../../../lib/showRoute/describeRoute';
import { officeRoute } from '../../fixtures/previewRoutes';

describe('show: exceptions and callers singled out', () => {
  it('lists the coming closure, and the VIP caller who is answered all week', () => {
    // Act
    const text = describeRoute(officeRoute(), new Date('2026-11-24T17:00:00Z')).join('\n');

    // Assess
    expect(text).toContain('Callers the rules single out (where they differ):\n  caller +4930111:\n    all week: ring device a3f1…');
    expect(text).toContain('Coming exceptions (next 90 days):\n  2026-12-25 Fri: all day: voicemail b7e2…');
    expect(text).toContain('    ├─ press 2 → step support\n    │  support: says "Hardware 1, software 2." (1 digit, 3 tries)');
  });
});
