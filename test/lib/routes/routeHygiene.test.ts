import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { RouteValidationError, type FieldIssue } from '../../../lib/errors';
import { MAX_ROUTE_DEPTH } from '../../../lib/routes/documentShape';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { substitutePlaceholders } from '../../../lib/routes/placeholders';
import { RESERVED_NAMES } from '../../../lib/routes/reservedNames';
import { DEVICE_ID } from '../../fixtures/kazooCalls';

/**
 * Route documents an operator may write by hand or by mistake: names every
 * object already has, values that contain themselves, nesting no route needs.
 * Each is refused with one issue naming the field, never a crash.
 */
const DEVICE = { module: 'device', data: { id: DEVICE_ID } };

function routeWith(overrides: Record<string, unknown>) {
  return { id: 'hygiene', timezone: 'UTC', rules: [{ name: 'first', then: DEVICE }], ...overrides };
}

function menuStep(extra: Record<string, unknown> = {}) {
  return { prompt: { tts: 'Press 1' }, options: [{ digits: '1', then: DEVICE }], ...extra };
}

function issuesOf(document: unknown): FieldIssue[] {
  try {
    parseRoute(document);
  } catch (error) {
    if (!(error instanceof RouteValidationError)) throw error;
    return [...error.issues];
  }
  throw new Error('expected the route to be refused');
}

describe('reserved names are refused for steps, variables and collections', () => {
  it('takes them from Object.prototype, plus prototype', () => {
    // Assess
    expect([...RESERVED_NAMES]).toEqual(
      expect.arrayContaining(['constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']),
    );
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'])('"%s" as a step, a collection and a variable', (name) => {
    // Prepare
    const document = routeWith({
      rules: [
        { name: 'by-digits', when: { digits: { collection: name, present: true } }, then: DEVICE },
        { name: 'by-var', when: { vars: { [name]: 'yes' } }, then: DEVICE },
      ],
      steps: { [name]: menuStep(), menu: menuStep({ collect: { name } }) },
    });

    // Act
    const issues = issuesOf(document);

    // Assess
    const reserved = `"${name}" is a reserved name (every JavaScript object has it); choose another`;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'rules.0(by-digits).when.digits.collection', message: reserved },
        { path: `rules.1(by-var).when.vars.${name}`, message: reserved },
        { path: `steps.${name}`, message: reserved },
        { path: 'steps.menu.collect.name', message: reserved },
      ]),
    );
  });

  it('refuses a "__proto__" key, which every later copy would drop without a word', () => {
    // Prepare: JSON.parse keeps "__proto__" as an own key; zod would skip the condition silently
    const document = JSON.parse(
      JSON.stringify(routeWith({ rules: [{ name: 'gold', when: { vars: { PROTO: 'gold' } }, then: DEVICE }] })).replace(
        '"PROTO"',
        '"__proto__"',
      ),
    );

    // Act
    const issues = issuesOf(document);

    // Assess
    expect(issues).toEqual([{ path: 'rules.0(gold).when.vars.__proto__', message: '"__proto__" cannot be a key' }]);
  });

  it('still accepts the names when they are only text (a rule name, a route id, a tts prompt)', () => {
    // Act
    const route = parseRoute({ ...routeWith({}), id: 'constructor', rules: [{ name: 'toString', then: DEVICE }] });

    // Assess
    expect(route.rules[0]!.name).toBe('toString');
  });
});

describe('placeholders read own values only', () => {
  it.each(['vars.constructor', 'digits.toString', 'vars.hasOwnProperty', 'digits.__proto__'])('{{%s}} renders empty', (name) => {
    // Prepare
    const values = { request: {}, digits: {}, vars: {}, match: [] };

    // Act
    const text = substitutePlaceholders(`[{{${name}}}]`, values);

    // Assess
    expect(text).toBe('[]');
  });
});

describe('documents that cannot be walked are refused in one issue', () => {
  it('a YAML anchor that contains its own alias', () => {
    // Prepare
    const document = parseYaml(
      `id: cyclic\ntimezone: UTC\nfallback: &node\n  module: tts\n  data: { text: hi }\n  children: { _: *node }\n`,
    );

    // Act
    const issues = issuesOf(document);

    // Assess
    expect(issues).toEqual([{ path: 'fallback.children._', message: 'cyclic alias: this value contains itself' }]);
  });

  it.each([
    ['a 1,500-deep list', `{"id":"deep","timezone":"UTC","description":${'['.repeat(1_500)}${']'.repeat(1_500)}}`, 'description'],
    ['a 1,500-deep callflow', JSON.stringify({ id: 'deep', timezone: 'UTC', fallback: nestedCallflow(1_500) }), 'fallback'],
  ])('%s', (_label, text, field) => {
    // Act
    const issues = issuesOf(JSON.parse(text));

    // Assess
    expect(issues).toEqual([{ path: field, message: `too deeply nested (over ${MAX_ROUTE_DEPTH} levels)` }]);
  });

  it('accepts a callflow nested as deep as a route may be', () => {
    // Prepare: 2 levels per node, under fallback (1): as deep as the limit allows
    const document = routeWith({ fallback: nestedCallflow((MAX_ROUTE_DEPTH - 4) / 2) });

    // Act
    const route = parseRoute(document);

    // Assess
    expect(route.fallback).toMatchObject({ module: 'tts' });
  });
});

function nestedCallflow(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { module: 'hangup', data: {} };
  for (let i = 0; i < depth; i++) node = { module: 'tts', data: { text: `level ${i}` }, children: { _: node } };
  return node;
}
