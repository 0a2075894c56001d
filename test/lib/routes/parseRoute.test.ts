import { describe, expect, it } from '@jest/globals';
import { RouteValidationError, type FieldIssue } from '../../../lib/errors';
import { parseRoute } from '../../../lib/routes/parseRoute';
import { exampleDocument, exampleFiles } from '../../fixtures/exampleRoutes';
import { DEVICE_ID } from '../../fixtures/kazooCalls';

function minimalRoute(overrides: Record<string, unknown> = {}) {
  return {
    id: 'test-route',
    timezone: 'America/New_York',
    rules: [{ name: 'first', then: { module: 'device', data: { id: DEVICE_ID } } }],
    ...overrides,
  };
}

function issuesOf(document: unknown, expectedId?: string): FieldIssue[] {
  try {
    parseRoute(document, expectedId);
  } catch (error) {
    expect(error).toBeInstanceOf(RouteValidationError);
    return [...(error as RouteValidationError).issues];
  }
  throw new Error('expected the route to be refused');
}

describe('parseRoute', () => {
  it.each(exampleFiles())('accepts the example %s', (file) => {
    // Act
    const route = parseRoute(exampleDocument(file));

    // Assess
    expect(route.id).toBe(exampleDocument(file)['id']);
  });

  it('fills defaults an operator may leave out', () => {
    // Act
    const route = parseRoute(
      minimalRoute({ steps: { menu: { prompt: { tts: 'Hi' }, options: [{ digits: '1', then: { goto: 'menu' } }] } } }),
    );

    // Assess
    expect(route.rules[0]!.when).toEqual({});
    expect(route.steps['menu']).toMatchObject({ maxAttempts: 3, collect: { maxDigits: 1, timeoutMs: 5000, terminator: '#' } });
  });

  const refusals: [string, unknown, string, RegExp][] = [
    ['a missing time zone', minimalRoute({ timezone: undefined }), 'timezone', /expected string/i],
    ['an unknown time zone', minimalRoute({ timezone: 'Mars/Olympus_Mons' }), 'timezone', /not an IANA time zone/],
    [
      'a goto to no step',
      minimalRoute({ rules: [{ name: 'jump', then: { goto: 'nowhere' } }] }),
      'rules.0(jump).then.goto',
      /no step named "nowhere"/,
    ],
    [
      'an unknown placeholder',
      minimalRoute({ rules: [{ name: 'greet', then: { module: 'tts', data: { text: 'Hello {{Caller-Name}}' } } }] }),
      'rules.0(greet).then.data.text',
      /unknown placeholder \{\{Caller-Name\}\}/,
    ],
    [
      'a callflow Kazoo would refuse',
      minimalRoute({ rules: [{ name: 'bad-vm', then: { module: 'voicemail', data: { id: 'short' } } }] }),
      'rules.0(bad-vm).then.data.id',
      /.+/,
    ],
    [
      'a regex with a backreference',
      minimalRoute({ rules: [{ name: 'twice', when: { callerId: { patterns: ['^(\\d)\\1$'] } }, then: { goto: 'x' } }] }),
      'rules.0(twice).when.callerId.patterns.0',
      /backreferences are not supported/,
    ],
    [
      'a regex with lookahead',
      minimalRoute({ rules: [{ name: 'ahead', when: { dialed: { patterns: ['^(?=9)\\d+$'] } }, then: { goto: 'x' } }] }),
      'rules.0(ahead).when.dialed.patterns.0',
      /lookahead and lookbehind are not supported/,
    ],
    [
      'a regex that does not compile',
      minimalRoute({ rules: [{ when: { dialed: { patterns: ['^(+1'] } }, then: { module: 'hangup', data: {} } }] }),
      'rules.0.when.dialed.patterns.0',
      /not a valid regular expression/,
    ],
    [
      'an unknown condition',
      minimalRoute({ rules: [{ when: { weather: 'sunny' }, then: { module: 'hangup', data: {} } }] }),
      'rules.0.when',
      /weather/,
    ],
    [
      'a digits condition with two tests',
      minimalRoute({ rules: [{ when: { digits: { equals: '1', present: true } }, then: { module: 'hangup', data: {} } }] }),
      'rules.0.when.digits',
      /exactly one/,
    ],
    [
      'a ring group with bare string endpoints',
      minimalRoute({ fallback: { module: 'ring_group', data: { endpoints: [DEVICE_ID] } } }),
      'fallback.data.endpoints.0',
      /.+/,
    ],
  ];

  it.each(refusals)('refuses %s, naming the field', (_label, document, path, message) => {
    // Act
    const issues = issuesOf(document);

    // Assess
    const issue = issues.find((i) => i.path.startsWith(path));
    expect(issue).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('names the route in the error message', () => {
    // Act
    const attempt = () => parseRoute(minimalRoute({ timezone: 'Nowhere/Land' }));

    // Assess
    expect(attempt).toThrow(/route "test-route" is invalid: timezone: "Nowhere\/Land" is not an IANA time zone/);
  });

  it('refuses a document stored under another id', () => {
    // Act
    const issues = issuesOf(minimalRoute(), 'other-route');

    // Assess
    expect(issues).toContainEqual({ path: 'id', message: 'is "test-route" but the route is stored as "other-route"' });
  });

  it('lets a placeholder stand where Kazoo wants a pattern, judging it at call time', () => {
    // Act
    const route = parseRoute(minimalRoute({ rules: [{ then: { module: 'device', data: { id: '{{vars.device}}' } } }] }));

    // Assess
    expect(route.rules).toHaveLength(1);
  });
});

describe('parseRoute: errors inside either-or fields name the real field', () => {
  it.each([
    [
      { when: { time: { cycle: 'weekly', wdays: ['funday'] } }, then: { module: 'hangup', data: {} } },
      'rules.0.when.time.wdays.0',
      /weekday names/,
    ],
    [{ then: { module: 'hangup' } }, 'rules.0.then.data', /data must be an object/],
    [{ then: { goto: 'menu', extra: 1 } }, 'rules.0.then', /unknown key "extra"/],
    [{ then: { goto: 'menu' }, whne: {} }, 'rules.0', /unknown key "whne" \(did you mean "when"\?\)/],
  ])('%j', (rule, path, message) => {
    // Act
    const issues = issuesOf(minimalRoute({ rules: [rule] }));

    // Assess
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('parseRoute: did you mean', () => {
  it('names the key meant for a misspelt one, at the route, a step and a prompt', () => {
    // Prepare
    const route = minimalRoute({
      timezon: 'Europe/Paris',
      steps: { menu: { promt: { tts: 'Press 1' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
    });

    // Act
    const messages = issuesOf(route).map((issue) => `${issue.path}: ${issue.message}`);

    // Assess
    expect(messages).toEqual(
      expect.arrayContaining([
        ': unknown key "timezon" (did you mean "timezone"?)',
        'steps.menu: unknown key "promt" (did you mean "prompt"?)',
      ]),
    );
  });

  it('names the step meant by a goto to a step that does not exist', () => {
    // Prepare
    const route = minimalRoute({
      rules: [{ then: { goto: 'mian' } }],
      steps: { main: { prompt: { tts: 'Press 1' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
    });

    // Act
    const issues = issuesOf(route);

    // Assess
    expect(issues).toContainEqual({ path: 'rules.0.then.goto', message: 'no step named "mian" (did you mean "main"?)' });
  });
});
