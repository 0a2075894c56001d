/**
 * Every module Kazoo ships a schema for can be written in a route and emitted:
 * the model list matches Kazoo's, and each module's guide example goes out
 * through renderPivotAnswer as a 200 that Kazoo's schema accepts.
 */
import { describe, expect, it } from '@jest/globals';
import { moduleDataSchemas, renderPivotAnswer, validateCallflow } from '../../../lib/callflow';
import { moduleGuide } from '../../../lib/callflow/guide/moduleGuide';
import { describeWithKazooSchemas, kazooCallflowErrors, kazooModuleNames } from '../../support/kazooSchemas';

const guideEntries = Object.entries(moduleGuide);

describeWithKazooSchemas('the modules Kazoo defines a schema for', () => {
  it('are exactly the modules modelled here', () => {
    // Prepare
    const kazoos = kazooModuleNames();

    // Act
    const modelled = Object.keys(moduleDataSchemas).sort();

    // Assess
    expect(kazoos).toHaveLength(78);
    expect(modelled).toEqual(kazoos);
  });

  it.each(guideEntries)('%s: its guide example is emitted as an answer Kazoo accepts', (module, guide) => {
    // Prepare
    const node = { module, data: guide.example, children: { _: { module: 'hangup', data: {} } } };

    // Act
    const answer = renderPivotAnswer(node);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(kazooCallflowErrors(JSON.parse(answer.body))).toEqual([]);
  });
});

describe('the module guide', () => {
  it('documents every modelled module with an example our model accepts', () => {
    // Prepare
    const modules = Object.keys(moduleDataSchemas);

    // Act
    const refused = modules.filter((module) => {
      const example = (moduleGuide as Record<string, { example: unknown }>)[module]?.example;
      return example === undefined || !validateCallflow({ module, data: example }).ok;
    });

    // Assess
    expect(refused).toEqual([]);
  });

  it('has field notes only for fields the module really has', () => {
    // Prepare
    const guides = Object.entries(moduleGuide) as [keyof typeof moduleDataSchemas, { fields?: Record<string, string> }][];

    // Act
    const strays = guides.flatMap(([module, guide]) =>
      Object.keys(guide.fields ?? {})
        .filter((field) => !Object.hasOwn(moduleDataSchemas[module].shape, field))
        .map((field) => `${module}.${field}`),
    );

    // Assess
    expect(strays).toEqual([]);
  });
});
