/**
 * One realistic node per callflow module, built with the public builders:
 * the shared fixture for "every builder's output is accepted by Kazoo" and for
 * the mutation cross-check against Kazoo's own schemas.
 */
import {
  callflow,
  callForward,
  checkCid,
  cidListMatch,
  collectDtmf,
  conference,
  device,
  directory,
  disa,
  doNotDisturb,
  dynamicCid,
  eavesdrop,
  faxbox,
  faxDetect,
  flushDtmf,
  group,
  groupEndpoint,
  groupPickup,
  hangup,
  hotdesk,
  intercept,
  language,
  manualPresence,
  menu,
  pageGroup,
  pivot,
  play,
  prependCid,
  receiveFax,
  recordCall,
  resources,
  response,
  ringGroup,
  sendDtmf,
  setCid,
  setVariables,
  sleep,
  temporalRoute,
  tts,
  user,
  voicemail,
  webhook,
  type CallflowModule,
  type CallflowNode,
} from '../../../lib/callflow';

export const ids = {
  frontDeskDevice: 'a3f1c2d4e5f60718293a4b5c6d7e8f90',
  salesUser: '5b2e9c1d7a4f48e3b6c0d9e8f7a6b5c4',
  supportGroup: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  mainVoicemailBox: 'c4b5a6f7e8d90a1b2c3d4e5f60718293',
  allHandsConference: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  welcomeMedia: '7d3a9f2c6e1b48d5a0c9e8f7b6a5d4c3',
  mainMenu: '2c8e4a6f0b1d3e5f7a9c0b2d4e6f8a1c',
  afterHoursCallflow: 'e1d2c3b4a5f60718293a4b5c6d7e8f9a',
  faxbox: '3b4c5d6e7f8091a2b3c4d5e6f708192a',
  businessHoursRule: '6a7b8c9d0e1f20314253647586970a1b',
  vipCallerList: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  companyDirectory: '1a2b3c4d5e6f708192a3b4c5d6e7f809',
} as const;

export const numbers = { carrierDid: '+14155550123', mainLine: '+14155550100' } as const;

export type ExampleNode = { module: CallflowModule; node: CallflowNode };

export const exampleNodes: ExampleNode[] = [
  {
    module: 'device',
    node: device(ids.frontDeskDevice, {
      timeout: 20,
      delay: 0,
      dialStrategy: 'simultaneous',
      canCallSelf: false,
      customSipHeaders: { 'X-Route': 'front-desk' },
    }),
  },
  { module: 'user', node: user(ids.salesUser, { timeout: 25, strategy: 'single', failOnSingleReject: true }) },
  {
    module: 'group',
    node: group(ids.supportGroup, { timeout: 30, strategy: 'simultaneous', ringtones: { internal: 'ring-internal' } }),
  },
  {
    module: 'ring_group',
    node: ringGroup(
      [
        groupEndpoint('device', ids.frontDeskDevice, { delay: 0, timeout: 20 }),
        groupEndpoint('user', ids.salesUser, { weight: 50 }),
        groupEndpoint('group', ids.supportGroup, { delay: 5 }),
      ],
      { strategy: 'simultaneous', timeout: 30, repeats: 1, ignoreForward: true },
    ),
  },
  {
    module: 'page_group',
    node: pageGroup([groupEndpoint('device', ids.frontDeskDevice)], 'one-way', { timeout: 5, bargeCalls: false }),
  },
  {
    module: 'resources',
    node: resources({
      toDid: numbers.carrierDid,
      useLocalResources: false,
      bypassE164: false,
      timeout: 45,
      outboundFlags: ['voice'],
      customSipHeaders: { in: { 'X-Carrier': 'primary' }, out: { 'X-Route': 'pivot' } },
    }),
  },
  {
    module: 'conference',
    node: conference(ids.allHandsConference, {
      moderator: false,
      playEntryTone: true,
      welcomePrompt: { play: false },
      config: {
        name: 'All hands',
        member: { join_muted: true, pins: ['4321'] },
        profile: { rate: 16000, 'max-members': 50 },
      },
    }),
  },
  { module: 'voicemail', node: voicemail(ids.mainVoicemailBox, { action: 'compose', maxMessageLength: 300 }) },
  { module: 'faxbox', node: faxbox(ids.faxbox, { media: { fax_option: 'auto' } }) },
  { module: 'receive_fax', node: receiveFax({ ownerId: ids.salesUser, media: { fax_option: true } }) },
  {
    module: 'fax_detect',
    node: faxDetect({ duration: 5 }, { ON_FAX: receiveFax(), ON_VOICE: device(ids.frontDeskDevice) }),
  },
  {
    module: 'tts',
    node: tts('Thanks for calling Acme. Please hold.', { voice: 'female', language: 'en-US', engine: 'flite' }),
  },
  { module: 'play', node: play(ids.welcomeMedia, { loopCount: 2, answer: true, terminators: ['#'] }) },
  {
    module: 'record_call',
    node: recordCall('start', { format: 'mp3', timeLimit: 3600, url: 'https://recordings.example.com/calls', method: 'put' }),
  },
  { module: 'send_dtmf', node: sendDtmf('1234#', { durationMs: 250 }) },
  { module: 'language', node: language('en-US') },
  {
    module: 'collect_dtmf',
    node: collectDtmf({ collectionName: 'pin', maxDigits: 4, timeoutMs: 5000, interdigitTimeoutMs: 2000, terminators: ['#'] }),
  },
  { module: 'flush_dtmf', node: flushDtmf({ collectionName: 'pin' }) },
  {
    module: 'menu',
    node: menu(ids.mainMenu, { interdigitTimeout: 2000 }, {
      '1': ringGroup([groupEndpoint('user', ids.salesUser)]),
      '2': voicemail(ids.mainVoicemailBox),
      _: hangup(),
    }),
  },
  {
    module: 'pivot',
    node: pivot(
      {
        voiceUrl: 'https://pivot.example.com/prod/pivot?token=4f9c2b7e1a',
        method: 'post',
        reqFormat: 'kazoo',
        reqBodyFormat: 'json',
        reqTimeoutMs: 4000,
      },
      { _: voicemail(ids.mainVoicemailBox) },
    ),
  },
  { module: 'callflow', node: callflow(ids.afterHoursCallflow) },
  { module: 'response', node: response(486, 'Busy Here') },
  { module: 'hangup', node: hangup() },
  { module: 'sleep', node: sleep(2, 's') },
  { module: 'set_variables', node: setVariables({ route_id: 'main-office', tier: 'gold' }, { export: true }) },
  {
    module: 'temporal_route',
    node: temporalRoute({ rules: [ids.businessHoursRule], timezone: 'America/New_York' }, {
      [ids.businessHoursRule]: device(ids.frontDeskDevice, { timeout: 20 }),
      _: voicemail(ids.mainVoicemailBox),
    }),
  },
  {
    module: 'webhook',
    node: webhook('https://hooks.example.com/kazoo/calls', { httpVerb: 'post', retries: 2, customData: { source: 'pivot' } }),
  },
  { module: 'set_cid', node: setCid({ callerIdName: 'Acme Support', callerIdNumber: numbers.mainLine }) },
  { module: 'dynamic_cid', node: dynamicCid({ action: 'manual', interdigitTimeout: 2000 }) },
  { module: 'prepend_cid', node: prependCid({ action: 'prepend', callerIdNamePrefix: 'VIP ', applyTo: 'current' }) },
  {
    module: 'check_cid',
    node: checkCid(
      { regex: '^\\+1415', useAbsoluteMode: false, callerId: { external: { name: 'Acme VIP', number: numbers.mainLine } } },
      { match: user(ids.salesUser), nomatch: voicemail(ids.mainVoicemailBox) },
    ),
  },
  { module: 'cidlistmatch', node: cidListMatch(ids.vipCallerList, { match: user(ids.salesUser) }) },
  { module: 'manual_presence', node: manualPresence('reception@acme.example.com', 'busy') },
  { module: 'eavesdrop', node: eavesdrop({ approvedGroupId: ids.supportGroup, deviceId: ids.frontDeskDevice }) },
  { module: 'group_pickup', node: groupPickup({ groupId: ids.supportGroup }) },
  { module: 'intercept', node: intercept({ userId: ids.salesUser, approvedGroupId: ids.supportGroup }) },
  { module: 'hotdesk', node: hotdesk('toggle', { interdigitTimeout: 2000 }) },
  { module: 'call_forward', node: callForward('toggle') },
  { module: 'do_not_disturb', node: doNotDisturb('activate') },
  { module: 'directory', node: directory(ids.companyDirectory) },
  { module: 'disa', node: disa({ pin: '2468', maxDigits: 15, preconnectAudio: 'dialtone', retries: 3 }) },
];
