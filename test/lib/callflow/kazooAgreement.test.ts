/**
 * Cross-check against Kazoo's own schemas: take every example node, change
 * one value anywhere in it (or delete it), and compare validateCallflow with
 * Kazoo's verdict. validateCallflow must never accept what Kazoo refuses, and
 * may only be stricter in the documented places.
 */
import { expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { validateCallflow } from '../../../lib/callflow';
import { moduleDataSchemas } from '../../../lib/callflow';
import { describeWithKazooSchemas, kazooCallflowErrors, kazooModuleFields } from '../../support/kazooSchemas';
import { exampleNodes, ids } from './exampleNodes';

const DELETE = Symbol('delete');

const replacements: unknown[] = [
  DELETE,
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  5,
  100,
  101,
  5000,
  5001,
  10800,
  10801,
  86_400_001,
  2 ** 60,
  '',
  'x',
  '486',
  'en',
  'en-US',
  'english',
  'idle',
  'away',
  'busy',
  'post',
  'GET',
  'put',
  'device',
  'person',
  'weighted_random',
  'auto',
  'true',
  'tts',
  'no_such_module',
  'play',
  'say',
  'tone',
  'login',
  'park',
  'frontdesk@acme.example.com',
  ['frontdesk@acme.example.com'],
  ids.frontDeskDevice,
  ids.frontDeskDevice.slice(1),
  `${ids.frontDeskDevice}0`,
  '🎉'.repeat(32),
  'x'.repeat(1000),
  'x'.repeat(1001),
  [],
  ['#'],
  ['#', '#'],
  ['x'],
  [ids.frontDeskDevice],
  [{ id: ids.salesUser, endpoint_type: 'user' }],
  {},
  { id: ids.salesUser },
  { 'X-Tag': 'a' },
  { 'X Tag': 'a' },
  { in: { 'X-Tag': 'a' } },
  { in: 'x' },
  { module: 'hangup', data: {} },
];

/**
 * Where validateCallflow is deliberately stricter than the schema: URLs Kazoo
 * calls out to (kazoo-validation: parseable, not loopback),
 * set_variables values (strings only, as Kazoo 4.3 requires), recipient
 * ids (`format: email`, which the referee here leaves unchecked), and
 * `skip_module`, a boolean for every module (the notification schema alone
 * omits it, though Kazoo's callflow runner reads it there too).
 */
const STRICTER_ON_PURPOSE = [
  /(^|\.)data\.(voice_url|uri|url)$/,
  /(^|\.)data\.custom_application_vars(\.|$)/,
  /(^|\.)data\.recipients\.\d+\.id(\.\d+)?$/,
  /(^|\.)data\.skip_module$/,
];

type Container = Record<string | number, unknown>;

function locations(value: unknown, found: [Container, string | number][] = []): [Container, string | number][] {
  if (typeof value !== 'object' || value === null) return found;
  for (const [key, child] of Object.entries(value)) {
    const slot = Array.isArray(value) ? Number(key) : key;
    found.push([value as Container, slot]);
    locations(child, found);
  }
  return found;
}

function mutate(node: unknown, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(node);
  const slots = locations(copy);
  const [container, key] = slots[pick % slots.length]!;
  if (replacement === DELETE) {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
  } else {
    container[key] = structuredClone(replacement);
  }
  return copy;
}

type Verdict = 'bothAccept' | 'bothRefuse' | 'strictOnPurpose' | 'disagree';

function verdict(node: unknown): Verdict {
  const kazooRefuses = kazooCallflowErrors(node).length > 0;
  const ours = validateCallflow(node);
  if (kazooRefuses) return ours.ok ? 'disagree' : 'bothRefuse';
  if (ours.ok) return 'bothAccept';
  const onPurpose = ours.issues.every((issue) => STRICTER_ON_PURPOSE.some((rule) => rule.test(issue.path)));
  return onPurpose ? 'strictOnPurpose' : 'disagree';
}

const mutatedNodes = fc
  .tuple(fc.constantFrom(...exampleNodes), fc.nat(), fc.constantFrom(...replacements))
  .map(([example, pick, replacement]) => mutate(example.node, pick, replacement));

describeWithKazooSchemas('validateCallflow agrees with Kazoo’s schemas', () => {
  it('on thousands of one-value mutations of every example node', () => {
    // Prepare
    const counts: Record<Verdict, number> = { bothAccept: 0, bothRefuse: 0, strictOnPurpose: 0, disagree: 0 };

    // Act
    fc.assert(
      fc.property(mutatedNodes, (node) => {
        const outcome = verdict(node);
        counts[outcome]++;
        return outcome !== 'disagree';
      }),
      { numRuns: 4000, seed: 20240312 },
    );

    // Assess: both outcomes must really occur, or agreement proves nothing.
    expect(counts.disagree).toBe(0);
    expect(counts.bothAccept).toBeGreaterThan(400);
    expect(counts.bothRefuse).toBeGreaterThan(400);
  });

  it('on mutations drawn from a fresh seed each run', () => {
    // Prepare
    const property = fc.property(mutatedNodes, (node) => verdict(node) !== 'disagree');

    // Act
    const run = () => fc.assert(property, { numRuns: 2000 });

    // Assess
    expect(run).not.toThrow();
  });

  it('on every field of every module, Kazoo’s and ours, set to each replacement value', () => {
    // Prepare: mutations only touch fields an example holds; this sets each field Kazoo lists
    // (and each we model) on top of the module's example, so no field goes unchecked.
    const counts: Record<Verdict, number> = { bothAccept: 0, bothRefuse: 0, strictOnPurpose: 0, disagree: 0 };
    const disagreements: string[] = [];

    // Act
    for (const { module, node } of exampleNodes) {
      const fields = new Set([...kazooModuleFields(module), ...Object.keys(moduleDataSchemas[module].shape)]);
      for (const field of fields) {
        for (const value of replacements) {
          if (value === DELETE) continue;
          const data = { ...node.data, [field]: structuredClone(value) };
          const outcome = verdict({ ...node, data });
          counts[outcome]++;
          if (outcome === 'disagree' && disagreements.length < 20) disagreements.push(`${module}.${field} = ${JSON.stringify(value)}`);
        }
      }
    }

    // Assess
    expect(disagreements).toEqual([]);
    expect(counts.bothAccept).toBeGreaterThan(1000);
    expect(counts.bothRefuse).toBeGreaterThan(1000);
  });
});
