import { describe, expect, it } from '@jest/globals';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { routeSchema } from '../../../lib/routes/routeSchema';
import { exampleDocument, exampleFiles } from '../../fixtures/exampleRoutes';

const VOICEMAIL = { module: 'voicemail', data: { id: 'b7e2d3c4a5f60718293a4b5c6d7e8f91' } };

describe('a parsed route is held compact', () => {
  it.each(exampleFiles())('%s keeps everything the schema gave it', (file) => {
    // Prepare
    const document = exampleDocument(file);

    // Act
    const route = parseRoute(structuredClone(document));

    // Assess: equal to zod's output, keys holding undefined aside (toEqual treats them as absent)
    const { patterns: _patterns, temporalDays: _days, ...data } = route;
    expect(data).toEqual(routeSchema.parse(structuredClone(document)));
  });

  it('keeps equal plain parts once, frozen, so no use of one place can change another', () => {
    // Prepare: two rules with the same weekday window, a third without conditions
    const weekdays = { cycle: 'weekly', wdays: ['monday', 'friday'], time_window_start: 32400, time_window_stop: 61200 };
    const document = {
      id: 'twice',
      timezone: 'UTC',
      rules: [
        { name: 'one', when: { time: weekdays }, then: { module: 'hangup', data: {} } },
        { name: 'two', when: { time: weekdays, language: 'fr' }, then: VOICEMAIL },
        { name: 'three', then: VOICEMAIL },
      ],
    };

    // Act
    const route = parseRoute(document);

    // Assess
    const [one, two] = route.rules.map((r) => [r.when.time].flat()[0]!);
    expect(one!.wdays).toBe(two!.wdays);
    expect(Object.isFrozen(one!.wdays)).toBe(true);
    const dataOf = (i: number) => (route.rules[i]!.then as { data: object }).data;
    expect(dataOf(1)).toBe(dataOf(2));
    expect(() => (one!.wdays as string[]).push('sunday')).toThrow(TypeError);
    expect(two!.wdays).toEqual(['monday', 'friday']);
  });
});
