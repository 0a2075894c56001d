import { describe, expect, it } from '@jest/globals';
import { validateCallflow } from '../../lib/callflow';
import { closestName, didYouMean } from '../../lib/didYouMean';

describe('closestName', () => {
  it('finds the intended name behind typos, swaps, case and separators', () => {
    // Prepare
    const known = ['ring_group', 'page_group', 'group', 'voicemail'];

    // Act
    const found = ['ringgroup', 'ring-group', 'RingGroup', 'rign_group', 'voicemial', 'voicemal'].map((n) => closestName(n, known));

    // Assess
    expect(found).toEqual(['ring_group', 'ring_group', 'ring_group', 'ring_group', 'voicemail', 'voicemail']);
  });

  it('suggests nothing for a name unlike any known one', () => {
    // Prepare
    const known = ['ring_group', 'voicemail'];

    // Act
    const found = ['x', 'conference', ''].map((n) => closestName(n, known));

    // Assess
    expect(found).toEqual([undefined, undefined, undefined]);
  });
});

describe('unknown callflow modules', () => {
  it('name the module meant, by spelling or by the word Kazoo users use', () => {
    // Prepare
    const nodes = [
      { module: 'ringgroup', data: {} },
      { module: 'queue', data: {} },
      { module: 'log_in_out_ring_group', data: {} },
      { module: 'completely_made_up', data: {} },
    ];

    // Act
    const messages = nodes.map((node) => {
      const result = validateCallflow(node);
      return result.ok ? '' : result.issues[0]!.message;
    });

    // Assess
    expect(messages).toEqual([
      'unknown callflow module "ringgroup" (did you mean "ring_group"?)',
      'unknown callflow module "queue" (did you mean "acdc_member"?)',
      'unknown callflow module "log_in_out_ring_group" (did you mean "ring_group_toggle"?)',
      'unknown callflow module "completely_made_up"',
    ]);
  });

  it('accept offnet, which Kazoo runs as resources on the system carriers', () => {
    // Prepare
    const node = { module: 'offnet', data: { to_did: '+14155550123' } };

    // Act
    const result = validateCallflow(node);

    // Assess
    expect(result.ok).toBe(true);
  });

  it('check didYouMean hints ahead of spelling', () => {
    // Act
    const text = didYouMean('IVR', ['menu', 'ivr_menu'], { ivr: 'menu' });

    // Assess
    expect(text).toBe(' (did you mean "menu"?)');
  });
});
