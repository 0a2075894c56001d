import { describe, expect, it } from '@jest/globals';
import { callflowNodeSchema } from '../../../lib/callflow';

describe('callflowNodeSchema', () => {
  it('accepts module names of 1 to 64 characters and refuses empty or longer ones', () => {
    // Prepare
    const names = ['', 'x', 'x'.repeat(64), 'x'.repeat(65)];

    // Act
    const accepted = names.map((module) => callflowNodeSchema.safeParse({ module, data: {} }).success);

    // Assess
    expect(accepted).toEqual([false, true, true, false]);
  });

  it('requires data to be an object', () => {
    // Prepare
    const datas = [{}, { id: 'a' }, [], null, 'x', undefined];

    // Act
    const accepted = datas.map((data) => callflowNodeSchema.safeParse({ module: 'hangup', data }).success);

    // Assess
    expect(accepted).toEqual([true, true, false, false, false, false]);
  });

  it('checks children at every depth, keyed by `_` or a branch name', () => {
    // Prepare
    const valid = {
      module: 'menu',
      data: {},
      children: { '1': { module: 'hangup', data: {}, children: { _: { module: 'hangup', data: {} } } } },
    };
    const brokenGrandchild = {
      module: 'menu',
      data: {},
      children: { '1': { module: 'hangup', data: {}, children: { _: { module: 'hangup' } } } },
    };
    const emptyBranchName = { module: 'menu', data: {}, children: { '': { module: 'hangup', data: {} } } };

    // Act
    const results = [valid, brokenGrandchild, emptyBranchName].map((node) => callflowNodeSchema.safeParse(node));

    // Assess
    expect(results.map((result) => result.success)).toEqual([true, false, false]);
    expect(results[1]?.error?.issues[0]?.path).toEqual(['children', '1', 'children', '_', 'data']);
  });
});
