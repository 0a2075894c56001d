import { describe, expect, it } from '@jest/globals';
import { InvalidCallflowError, moduleDataSchemas, renderPivotAnswer, validateCallflow, type CallflowNode } from '../../../lib/callflow';
import { expectKazooRefuses, expectKazooValid } from '../../support/kazooSchemas';
import { exampleNodes, ids } from './exampleNodes';

/** Nodes Kazoo refuses (and hangs the call up on), with the field each one gets wrong. */
const brokenNodes: { name: string; node: unknown; path: string }[] = [
  {
    name: 'ring_group with bare string endpoints',
    node: { module: 'ring_group', data: { endpoints: [ids.frontDeskDevice, ids.salesUser] } },
    path: 'data.endpoints.0',
  },
  {
    name: 'ring_group with no endpoints',
    node: { module: 'ring_group', data: { endpoints: [] } },
    path: 'data.endpoints',
  },
  {
    name: 'ring_group endpoint with endpoint_type "phone"',
    node: { module: 'ring_group', data: { endpoints: [{ id: ids.frontDeskDevice, endpoint_type: 'phone' }] } },
    path: 'data.endpoints.0.endpoint_type',
  },
  {
    name: 'voicemail id of 31 characters',
    node: { module: 'voicemail', data: { id: ids.mainVoicemailBox.slice(1) } },
    path: 'data.id',
  },
  { name: 'tts without text', node: { module: 'tts', data: { voice: 'female' } }, path: 'data.text' },
  {
    name: "manual_presence with status 'away'",
    node: { module: 'manual_presence', data: { presence_id: 'reception@acme.example.com', status: 'away' } },
    path: 'data.status',
  },
  { name: 'unknown module', node: { module: 'ring_everyone', data: {} }, path: 'module' },
  { name: 'pivot without voice_url', node: { module: 'pivot', data: { method: 'post' } }, path: 'data.voice_url' },
  {
    name: 'pivot with req_timeout_ms over 5000',
    node: { module: 'pivot', data: { voice_url: 'https://pivot.example.com/p', req_timeout_ms: 6000 } },
    path: 'data.req_timeout_ms',
  },
  { name: 'response code as a string', node: { module: 'response', data: { code: '486' } }, path: 'data.code' },
  { name: 'language "english"', node: { module: 'language', data: { language: 'english' } }, path: 'data.language' },
  { name: 'record_call without action', node: { module: 'record_call', data: { format: 'mp3' } }, path: 'data.action' },
  { name: 'node without data', node: { module: 'hangup' }, path: 'data' },
  { name: 'module name of 65 characters', node: { module: 'x'.repeat(65), data: {} }, path: 'module' },
  { name: 'children as an array', node: { module: 'hangup', data: {}, children: [] }, path: 'children' },
  {
    name: 'conference config with a duplicated conference number',
    node: {
      module: 'conference',
      data: { id: ids.allHandsConference, config: { conference_numbers: ['1000', '1000'] } },
    },
    path: 'data.config.conference_numbers',
  },
];

describe('validateCallflow refuses what Kazoo refuses', () => {
  it.each(brokenNodes.map((broken) => [broken.name, broken] as const))('%s', (_name, { node, path }) => {
    // Prepare: the broken node comes from the table.

    // Act
    const ours = validateCallflow(node);

    // Assess
    expectKazooRefuses(node);
    expect(ours.ok).toBe(false);
    expect(ours.ok ? [] : ours.issues.map((issue) => issue.path)).toContain(path);
    expect(() => renderPivotAnswer(node as CallflowNode)).toThrow(InvalidCallflowError);
  });

  it('finds a broken node deep in the tree and names the full path to the field', () => {
    // Prepare
    const tree = {
      module: 'menu',
      data: { id: ids.mainMenu },
      children: {
        '1': { module: 'device', data: { id: ids.frontDeskDevice }, children: { _: { module: 'voicemail', data: { id: 'box-1' } } } },
        _: { module: 'ring_group', data: { endpoints: [{ id: ids.salesUser, endpoint_type: 'person' }] } },
      },
    };

    // Act
    const ours = validateCallflow(tree);

    // Assess
    expect(ours.ok ? [] : ours.issues.map((issue) => issue.path)).toEqual([
      'children.1.children._.data.id',
      'children._.data.endpoints.0.endpoint_type',
    ]);
    expectKazooRefuses(tree, 2);
  });

  it('explains each problem in words', () => {
    // Prepare
    const node = { module: 'voicemail', data: { id: 'abc' } };

    // Act
    const ours = validateCallflow(node);

    // Assess
    expect(ours).toEqual({ ok: false, issues: [{ path: 'data.id', message: 'must be exactly 32 characters long' }] });
  });

  it('refuses an empty branch name and a module name that only exists on Object.prototype', () => {
    // Prepare
    const emptyBranch = { module: 'hangup', data: {}, children: { '': { module: 'hangup', data: {} } } };
    const prototypeName = { module: 'toString', data: {} };

    // Act
    const results = [validateCallflow(emptyBranch), validateCallflow(prototypeName)];

    // Assess
    expect(results.map((result) => result.ok)).toEqual([false, false]);
  });

  it('refuses a pivot voice_url on a loopback host, which Kazoo blocks by default', () => {
    // Prepare
    const urls = ['http://localhost:3000/pivot', 'http://127.0.0.1/pivot', 'https://[::1]/pivot', 'http://2130706433/'];

    // Act
    const results = urls.map((url) => validateCallflow({ module: 'pivot', data: { voice_url: url } }));

    // Assess
    expect(results.map((result) => result.ok)).toEqual([false, false, false, false]);
  });
});

describe('validateCallflow accepts what Kazoo accepts', () => {
  it('has an example for every module the library knows', () => {
    // Prepare
    const modules = Object.keys(moduleDataSchemas).sort();

    // Act
    const covered = [...new Set(exampleNodes.map((example) => example.module))].sort();

    // Assess
    expect(covered).toEqual(modules);
  });

  it.each(exampleNodes.map((example) => [example.module, example.node] as const))(
    'accepts the %s example, as Kazoo does, without touching it',
    (module, node) => {
      // Prepare
      const before = structuredClone(node);

      // Act
      const ours = validateCallflow(node);

      // Assess
      expect(node.module).toBe(module);
      expect(ours).toEqual({ ok: true, node });
      expectKazooValid(node);
      // Neither validator may fill in defaults or otherwise touch the answer.
      expect(node).toEqual(before);
    },
  );

  it('accepts a deep tree (device → voicemail, menu branches, temporal_route branches)', () => {
    // Prepare
    const voicemail = { module: 'voicemail', data: { id: ids.mainVoicemailBox } };
    const hangup = { module: 'hangup', data: {} };
    const mainMenu = {
      module: 'menu',
      data: { id: ids.mainMenu },
      children: {
        '1': { module: 'device', data: { id: ids.frontDeskDevice, timeout: 20 }, children: { _: voicemail } },
        '2': {
          module: 'ring_group',
          data: {
            endpoints: [
              { id: ids.salesUser, endpoint_type: 'user' },
              { id: ids.supportGroup, endpoint_type: 'group' },
            ],
          },
          children: { _: voicemail },
        },
        '0': { module: 'play', data: { id: ids.welcomeMedia }, children: { _: hangup } },
        _: { module: 'tts', data: { text: 'Sorry, that is not an option.' }, children: { _: hangup } },
      },
    };
    const tree = {
      module: 'set_variables',
      data: { custom_application_vars: { route_id: 'main-office' } },
      children: {
        _: {
          module: 'temporal_route',
          data: { rules: [ids.businessHoursRule], timezone: 'America/Los_Angeles' },
          children: {
            [ids.businessHoursRule]: {
              module: 'collect_dtmf',
              data: { collection_name: 'choice', max_digits: 1 },
              children: { _: mainMenu },
            },
            _: { module: 'tts', data: { text: 'We are closed.' }, children: { _: voicemail } },
          },
        },
      },
    };

    // Act
    const ours = validateCallflow(tree);

    // Assess
    expect(ours.ok).toBe(true);
    expectKazooValid(tree);
  });

  it('keeps extra data fields Kazoo allows and returns the node unchanged', () => {
    // Prepare
    const node = { module: 'device', data: { id: ids.frontDeskDevice, future_option: { any: 'thing' } } };

    // Act
    const ours = validateCallflow(node);

    // Assess
    expect(ours).toEqual({ ok: true, node });
    expectKazooValid(node);
  });

  it('counts length in characters as Kazoo does, so emoji are not counted twice', () => {
    // Prepare
    const node = { module: 'tts', data: { text: '🎉'.repeat(1000) } };

    // Act
    const ours = validateCallflow(node);

    // Assess
    expect(ours.ok).toBe(true);
    expectKazooValid(node);
  });

  it('accepts a subtree shared by two branches', () => {
    // Prepare
    const leaveMessage = { module: 'voicemail', data: { id: ids.mainVoicemailBox } };
    const node = { module: 'menu', data: { id: ids.mainMenu }, children: { '1': leaveMessage, _: leaveMessage } };

    // Act
    const ours = validateCallflow(node);

    // Assess
    expect(ours.ok).toBe(true);
  });
});

describe('validateCallflow never throws', () => {
  it('reports a cycle instead of recursing forever', () => {
    // Prepare
    const loop: CallflowNode = { module: 'hangup', data: {} };
    loop.children = { _: { module: 'device', data: { id: ids.frontDeskDevice }, children: { _: loop } } };

    // Act
    const ours = validateCallflow(loop);

    // Assess
    expect(ours).toEqual({
      ok: false,
      issues: [{ path: 'children._.children._', message: expect.stringContaining('cycle') }],
    });
  });

  it('reports a property that throws when read', () => {
    // Prepare
    const node = {
      module: 'device',
      get data(): Record<string, unknown> {
        throw new Error('boom');
      },
    };

    // Act
    const ours = validateCallflow(node);

    // Assess
    expect(ours.ok).toBe(false);
  });

  it.each([null, undefined, 42, 'hangup', [], () => 1])('returns issues for %p', (input) => {
    // Prepare: the input is not a node at all.

    // Act
    const ours = validateCallflow(input);

    // Assess
    expect(ours.ok).toBe(false);
  });

  it('answers for a tree tens of thousands of levels deep', () => {
    // Prepare
    let deep: CallflowNode = { module: 'hangup', data: {} };
    for (let level = 0; level < 50_000; level++) deep = { module: 'sleep', data: { duration: 1 }, children: { _: deep } };

    // Act
    const ours = validateCallflow(deep);

    // Assess
    expect(typeof ours.ok).toBe('boolean');
  });
});

describe('validateCallflow speed', () => {
  it('checks a tree holding every example node in a few milliseconds at most', () => {
    // Prepare
    const tree: CallflowNode = {
      module: 'menu',
      data: { id: ids.mainMenu },
      children: Object.fromEntries(exampleNodes.map((example, index) => [String(index), example.node])),
    };
    for (let warmUp = 0; warmUp < 50; warmUp++) validateCallflow(tree);

    // Act
    const runs = 200;
    const started = performance.now();
    for (let run = 0; run < runs; run++) validateCallflow(tree);
    const perTreeMs = (performance.now() - started) / runs;

    // Assess: ~55 nodes; measured near 1 ms, the bound leaves room for slow CI machines.
    expect(perTreeMs).toBeLessThan(20);
  });
});
