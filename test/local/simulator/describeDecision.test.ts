import { describe, expect, it } from '@jest/globals';
import { describeDecision } from '../../../local/simulator/describeDecision';

describe('describeDecision', () => {
  it.each([
    ['rule:business-hours', 'rule "business-hours"'],
    ['rule:greeting step:menu', 'rule "greeting", prompting step "menu"'],
    ['option:menu.2', 'step "menu", option 2'],
    ['retry:pin step:pin', 'step "pin" again (wrong or no input), prompting step "pin"'],
    ['fallback', "the route's fallback (no rule matched)"],
    [
      'rule:by-var:invalid-after-substitution',
      `rule "by-var" (its callflow broke once placeholders were filled in, so the route's fallback answered)`,
    ],
    ['AuthError', 'nothing: refused (AuthError)'],
  ])('reads %s as %s', (header, words) => {
    // Act
    const text = describeDecision(header);

    // Assess
    expect(text).toBe(words);
  });
});
