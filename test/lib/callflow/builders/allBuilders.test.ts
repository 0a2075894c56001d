import { describe, expect, it } from '@jest/globals';
import {
  collectDtmf,
  device,
  followedBy,
  groupEndpoint,
  hangup,
  manualPresence,
  menu,
  moduleDataSchemas,
  pivot,
  play,
  resources,
  ringGroup,
  setVariables,
  temporalRoute,
  tts,
  validateCallflow,
  voicemail,
  withChildren,
} from '../../../../lib/callflow';
import { expectKazooValid, kazooCallflowErrors } from '../../../support/kazooSchemas';
import { exampleNodes, ids, numbers } from '../exampleNodes';

describe('every builder', () => {
  it('has an example for every module the library can emit', () => {
    // Prepare
    const modules = Object.keys(moduleDataSchemas).sort();

    // Act
    const covered = [...new Set(exampleNodes.map((example) => example.module))].sort();

    // Assess
    expect(covered).toEqual(modules);
  });

  it.each(exampleNodes.map((example) => [example.module, example.node] as const))(
    '%s builds a node that both validateCallflow and Kazoo accept',
    (module, node) => {
      // Prepare
      const before = structuredClone(node);

      // Act
      const ours = validateCallflow(node);
      const kazoo = kazooCallflowErrors(node);

      // Assess
      expect(node.module).toBe(module);
      expect(ours).toEqual({ ok: true, node });
      expect(kazoo).toEqual([]);
      // Neither validator may fill in defaults or otherwise touch the answer.
      expect(node).toEqual(before);
    },
  );
});

describe('builders emit Kazoo field names', () => {
  it('collectDtmf maps the millisecond options onto timeout and interdigit_timeout', () => {
    // Prepare
    const options = { collectionName: 'pin', maxDigits: 4, timeoutMs: 5000, interdigitTimeoutMs: 1500, terminators: ['#' as const] };

    // Act
    const node = collectDtmf(options);

    // Assess
    expect(node).toEqual({
      module: 'collect_dtmf',
      data: { collection_name: 'pin', max_digits: 4, timeout: 5000, interdigit_timeout: 1500, terminators: ['#'] },
    });
  });

  it('pivot writes voice_url, method, req_format, req_body_format and req_timeout_ms', () => {
    // Prepare
    const voiceUrl = 'https://pivot.example.com/prod/pivot?token=4f9c2b7e1a';

    // Act
    const node = pivot({ voiceUrl, method: 'post', reqFormat: 'kazoo', reqBodyFormat: 'form', reqTimeoutMs: 3000 });

    // Assess
    expect(node.data).toEqual({
      voice_url: voiceUrl,
      method: 'post',
      req_format: 'kazoo',
      req_body_format: 'form',
      req_timeout_ms: 3000,
    });
  });

  it('resources writes to_did and use_local_resources, and leaves out options that were not given', () => {
    // Prepare
    const options = { toDid: numbers.carrierDid, useLocalResources: false, timeout: undefined };

    // Act
    const node = resources(options);

    // Assess
    expect(node).toEqual({ module: 'resources', data: { to_did: numbers.carrierDid, use_local_resources: false } });
    expect(Object.keys(node.data)).toEqual(['to_did', 'use_local_resources']);
  });

  it('ringGroup always emits endpoint objects, mixing devices, users and groups', () => {
    // Prepare
    const endpoints = [
      groupEndpoint('device', ids.frontDeskDevice, { timeout: 15 }),
      groupEndpoint('user', ids.salesUser),
      groupEndpoint('group', ids.supportGroup, { weight: 10 }),
    ];

    // Act
    const node = ringGroup(endpoints, { strategy: 'weighted_random' });

    // Assess
    expect(node.data).toEqual({
      endpoints: [
        { id: ids.frontDeskDevice, endpoint_type: 'device', timeout: 15 },
        { id: ids.salesUser, endpoint_type: 'user' },
        { id: ids.supportGroup, endpoint_type: 'group', weight: 10 },
      ],
      strategy: 'weighted_random',
    });
    expectKazooValid(node);
  });

  it('manualPresence, setVariables and tts carry their required fields', () => {
    // Prepare
    const vars = { route_id: 'main-office' };

    // Act
    const presence = manualPresence('reception@acme.example.com', 'ringing');
    const variables = setVariables(vars);
    const speech = tts('Goodbye.');

    // Assess
    expect(presence.data).toEqual({ presence_id: 'reception@acme.example.com', status: 'ringing' });
    expect(variables.data).toEqual({ custom_application_vars: { route_id: 'main-office' } });
    expect(speech.data).toEqual({ text: 'Goodbye.' });
  });
});

describe('children', () => {
  it('a deep tree (device → voicemail, menu branches, temporal_route branches) passes both validators', () => {
    // Prepare
    const ringFrontDesk = device(ids.frontDeskDevice, { timeout: 20 }, { _: voicemail(ids.mainVoicemailBox) });
    const mainMenu = menu(ids.mainMenu, {}, {
      '1': ringFrontDesk,
      '2': ringGroup([groupEndpoint('user', ids.salesUser), groupEndpoint('group', ids.supportGroup)], {}, {
        _: voicemail(ids.mainVoicemailBox),
      }),
      '0': followedBy(play(ids.welcomeMedia), hangup()),
      _: followedBy(tts('Sorry, that is not an option.'), hangup()),
    });
    const tree = followedBy(
      setVariables({ route_id: 'main-office' }),
      temporalRoute({ rules: [ids.businessHoursRule], timezone: 'America/Los_Angeles' }, {
        [ids.businessHoursRule]: followedBy(collectDtmf({ collectionName: 'choice', maxDigits: 1 }), mainMenu),
        _: followedBy(tts('We are closed.'), voicemail(ids.mainVoicemailBox)),
      }),
    );

    // Act
    const ours = validateCallflow(tree);
    const kazoo = kazooCallflowErrors(tree);

    // Assess
    expect(ours.ok).toBe(true);
    expect(kazoo).toEqual([]);
    expect(tree.children?._?.children?.[ids.businessHoursRule]?.children?._?.children?.['1']?.children?._?.module).toBe(
      'voicemail',
    );
  });

  it('withChildren adds branches without touching the original node', () => {
    // Prepare
    const original = menu(ids.mainMenu, {}, { '1': device(ids.frontDeskDevice) });

    // Act
    const extended = withChildren(original, { '2': voicemail(ids.mainVoicemailBox), _: hangup() });

    // Assess
    expect(Object.keys(extended.children ?? {})).toEqual(['1', '2', '_']);
    expect(Object.keys(original.children ?? {})).toEqual(['1']);
  });

  it('followedBy sets the default `_` branch, replacing an earlier one', () => {
    // Prepare
    const first = followedBy(device(ids.frontDeskDevice), hangup());

    // Act
    const replaced = followedBy(first, voicemail(ids.mainVoicemailBox));

    // Assess
    expect(replaced.children).toEqual({ _: { module: 'voicemail', data: { id: ids.mainVoicemailBox } } });
  });
});
