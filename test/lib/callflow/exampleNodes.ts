/**
 * One realistic node per callflow module, written as Kazoo receives it: the
 * shared fixture for "every module's example is accepted by Kazoo" and for the
 * mutation cross-check against Kazoo's own schemas.
 */
import type { CallflowModule, CallflowNode } from '../../../lib/callflow';
import { moduleGuide } from '../../../lib/callflow/guide/moduleGuide';

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

const nodes: CallflowNode[] = [
  {
    module: 'device',
    data: {
      id: ids.frontDeskDevice,
      timeout: 20,
      delay: 0,
      dial_strategy: 'simultaneous',
      can_call_self: false,
      custom_sip_headers: { 'X-Route': 'front-desk' },
    },
  },
  { module: 'user', data: { id: ids.salesUser, timeout: 25, strategy: 'single', fail_on_single_reject: true } },
  { module: 'group', data: { id: ids.supportGroup, timeout: 30, strategy: 'simultaneous', ringtones: { internal: 'ring-internal' } } },
  {
    module: 'ring_group',
    data: {
      endpoints: [
        { id: ids.frontDeskDevice, endpoint_type: 'device', delay: 0, timeout: 20 },
        { id: ids.salesUser, endpoint_type: 'user', weight: 50 },
        { id: ids.supportGroup, endpoint_type: 'group', delay: 5 },
      ],
      strategy: 'simultaneous',
      timeout: 30,
      repeats: 1,
      ignore_forward: true,
    },
  },
  {
    module: 'page_group',
    data: { audio: 'one-way', endpoints: [{ id: ids.frontDeskDevice, endpoint_type: 'device' }], timeout: 5, barge_calls: false },
  },
  {
    module: 'resources',
    data: {
      to_did: numbers.carrierDid,
      use_local_resources: false,
      bypass_e164: false,
      timeout: 45,
      outbound_flags: ['voice'],
      custom_sip_headers: { in: { 'X-Carrier': 'primary' }, out: { 'X-Route': 'pivot' } },
    },
  },
  {
    module: 'conference',
    data: {
      id: ids.allHandsConference,
      moderator: false,
      play_entry_tone: true,
      welcome_prompt: { play: false },
      config: {
        name: 'All hands',
        member: { join_muted: true, pins: ['4321'] },
        profile: { rate: 16000, 'max-members': 50 },
      },
    },
  },
  { module: 'voicemail', data: { id: ids.mainVoicemailBox, action: 'compose', max_message_length: 300 } },
  { module: 'faxbox', data: { id: ids.faxbox, media: { fax_option: 'auto' } } },
  { module: 'receive_fax', data: { owner_id: ids.salesUser, media: { fax_option: true } } },
  {
    module: 'fax_detect',
    data: { duration: 5 },
    children: { ON_FAX: { module: 'receive_fax', data: {} }, ON_VOICE: { module: 'device', data: { id: ids.frontDeskDevice } } },
  },
  { module: 'tts', data: { text: 'Thanks for calling Acme. Please hold.', voice: 'female', language: 'en-US', engine: 'flite' } },
  { module: 'play', data: { id: ids.welcomeMedia, loop_count: 2, answer: true, terminators: ['#'] } },
  {
    module: 'record_call',
    data: { action: 'start', format: 'mp3', time_limit: 3600, url: 'https://recordings.example.com/calls', method: 'put' },
  },
  { module: 'send_dtmf', data: { digits: '1234#', duration_ms: 250 } },
  { module: 'language', data: { language: 'en-US' } },
  {
    module: 'collect_dtmf',
    data: { collection_name: 'pin', max_digits: 4, terminators: ['#'], timeout: 5000, interdigit_timeout: 2000 },
  },
  { module: 'flush_dtmf', data: { collection_name: 'pin' } },
  {
    module: 'menu',
    data: { id: ids.mainMenu, interdigit_timeout: 2000 },
    children: {
      '1': { module: 'ring_group', data: { endpoints: [{ id: ids.salesUser, endpoint_type: 'user' }] } },
      '2': { module: 'voicemail', data: { id: ids.mainVoicemailBox } },
      _: { module: 'hangup', data: {} },
    },
  },
  {
    module: 'pivot',
    data: {
      voice_url: 'https://pivot.example.com/prod/pivot?token=4f9c2b7e1a',
      method: 'post',
      req_format: 'kazoo',
      req_body_format: 'json',
      req_timeout_ms: 4000,
    },
    children: { _: { module: 'voicemail', data: { id: ids.mainVoicemailBox } } },
  },
  { module: 'callflow', data: { id: ids.afterHoursCallflow } },
  { module: 'response', data: { code: 486, message: 'Busy Here' } },
  { module: 'hangup', data: {} },
  { module: 'sleep', data: { duration: 2, unit: 's' } },
  { module: 'set_variables', data: { custom_application_vars: { route_id: 'main-office', tier: 'gold' }, export: true } },
  {
    module: 'temporal_route',
    data: { rules: [ids.businessHoursRule], timezone: 'America/New_York' },
    children: {
      [ids.businessHoursRule]: { module: 'device', data: { id: ids.frontDeskDevice, timeout: 20 } },
      _: { module: 'voicemail', data: { id: ids.mainVoicemailBox } },
    },
  },
  {
    module: 'webhook',
    data: { uri: 'https://hooks.example.com/kazoo/calls', http_verb: 'post', retries: 2, custom_data: { source: 'pivot' } },
  },
  { module: 'set_cid', data: { caller_id_name: 'Acme Support', caller_id_number: numbers.mainLine } },
  { module: 'dynamic_cid', data: { action: 'manual', interdigit_timeout: 2000 } },
  { module: 'prepend_cid', data: { action: 'prepend', caller_id_name_prefix: 'VIP ', apply_to: 'current' } },
  {
    module: 'check_cid',
    data: { regex: '^\\+1415', use_absolute_mode: false, caller_id: { external: { name: 'Acme VIP', number: numbers.mainLine } } },
    children: {
      match: { module: 'user', data: { id: ids.salesUser } },
      nomatch: { module: 'voicemail', data: { id: ids.mainVoicemailBox } },
    },
  },
  {
    module: 'cidlistmatch',
    data: { id: ids.vipCallerList },
    children: { match: { module: 'user', data: { id: ids.salesUser } } },
  },
  { module: 'manual_presence', data: { presence_id: 'reception@acme.example.com', status: 'busy' } },
  { module: 'eavesdrop', data: { approved_group_id: ids.supportGroup, device_id: ids.frontDeskDevice } },
  { module: 'group_pickup', data: { group_id: ids.supportGroup } },
  { module: 'intercept', data: { user_id: ids.salesUser, approved_group_id: ids.supportGroup } },
  { module: 'hotdesk', data: { action: 'toggle', interdigit_timeout: 2000 } },
  { module: 'call_forward', data: { action: 'toggle' } },
  { module: 'do_not_disturb', data: { action: 'activate' } },
  { module: 'directory', data: { id: ids.companyDirectory } },
  { module: 'disa', data: { pin: '2468', max_digits: 15, preconnect_audio: 'dialtone', retries: 3 } },
];

/** Modules without a hand-written node above take their guide example (docs/modules.md). */
const guideNodes: CallflowNode[] = Object.entries(moduleGuide)
  .filter(([module]) => !nodes.some((node) => node.module === module))
  .map(([module, guide]) => ({ module, data: guide.example }));

export const exampleNodes: ExampleNode[] = [...nodes, ...guideNodes].map((node) => ({ module: node.module as CallflowModule, node }));
