/** The module guide for modules that ring someone, queue, park, transfer or act on a caller's own features. */
import type { ModuleGuide } from './moduleGuide';
import { sampleIds as ids } from './sampleIds';

export const callingModules = {
  device: {
    does: 'Rings one device (a phone, softphone or SIP trunk registered to the account).',
    needs: 'a device with that `id` in the account',
    example: { id: ids.device, timeout: 20, can_call_self: false },
    fields: {
      id: 'The device document id',
      timeout: 'Seconds to ring before giving up and taking `_`',
      delay: 'Seconds to wait before ringing',
      can_call_self: 'Whether the device may ring itself (a call from it to itself)',
      dial_strategy: "How the device's own registrations are rung",
      custom_sip_headers: 'SIP headers added to the INVITE',
      suppress_clid: 'Hide the caller ID from the device',
    },
  },
  user: {
    does: "Rings every device a user owns (and follows the user's call forwarding).",
    needs: 'a user with that `id`',
    example: { id: ids.user, timeout: 25, strategy: 'simultaneous' },
    fields: {
      id: 'The user document id',
      timeout: 'Seconds to ring before giving up and taking `_`',
      delay: 'Seconds to wait before ringing',
      strategy: "`simultaneous` rings all the user's devices at once, `single` one after another",
      fail_on_single_reject: 'Stop ringing everyone when one device rejects the call',
    },
  },
  group: {
    does: 'Rings the members of a group document.',
    needs: 'a group with that `id`',
    example: { id: ids.group, timeout: 30, strategy: 'simultaneous' },
    fields: {
      id: 'The group document id',
      timeout: 'Seconds to ring before giving up and taking `_`',
      repeats: 'How many times to go through the members',
      ignore_forward: "Ring the members' devices, not their call-forward numbers",
    },
  },
  ring_group: {
    does: 'Rings a list of devices, users and groups, at once or one after another.',
    needs: 'each endpoint (device, user or group) in the account',
    example: {
      endpoints: [
        { id: ids.device, endpoint_type: 'device', delay: 0, timeout: 20 },
        { id: ids.user, endpoint_type: 'user', delay: 5 },
      ],
      strategy: 'simultaneous',
      timeout: 30,
    },
    fields: {
      endpoints: 'Who to ring: each an object with `id` and `endpoint_type` (a bare id string is refused by Kazoo)',
      strategy: '`simultaneous` rings everyone, `single` one at a time in order, `weighted_random` one at a time by `weight`',
      timeout: 'Seconds the whole group rings before `_`',
      repeats: 'How many times to go through the endpoints',
      ignore_forward: "Ring the endpoints' devices, not their call-forward numbers",
      ringback: 'Tone or media played to the caller while ringing',
      fail_on_single_reject: 'Stop ringing everyone when one endpoint rejects the call',
    },
  },
  page_group: {
    does: 'Pages a list of endpoints: their phones auto-answer on speaker.',
    needs: 'each endpoint in the account, with phones that honour auto-answer',
    example: { audio: 'one-way', endpoints: [{ id: ids.device, endpoint_type: 'device' }], timeout: 5 },
    fields: {
      audio: '`one-way`: the callees only listen; `two-way`: they can answer back',
      endpoints: 'Who to page: each an object with `id` and `endpoint_type`',
      timeout: 'Seconds to wait for the phones to pick up',
      barge_calls: 'Page phones that are on a call too',
    },
  },
  resources: {
    does: "Sends the call out through carriers: the system's, or the account's own (`use_local_resources`).",
    needs: 'a carrier (resource) that routes the number',
    example: { to_did: '+14155550123', use_local_resources: false, timeout: 45 },
    fields: {
      to_did: 'The number to dial; absent: the number the caller dialled',
      use_local_resources: "`true`: the account's own carriers; `false`: the system carriers",
      timeout: 'Seconds to wait for the far end to answer',
      caller_id_type: 'Which of the caller-ID sets (`external`, `emergency`…) goes out',
      bypass_e164: 'Dial the number as given instead of its E.164 form',
      outbound_flags: 'Flags a carrier must have to be used',
      hunt_account_id: "Use this account's carriers instead of the caller's account",
    },
  },
  offnet: {
    does: "Sends the call out through the system carriers; Kazoo runs it as `resources` with `use_local_resources` false (the account's own carriers are never used).",
    needs: 'a system carrier that routes the number',
    example: { to_did: '+14155550123', timeout: 45 },
    fields: {
      to_did: 'The number to dial; absent: the number the caller dialled',
      timeout: 'Seconds to wait for the far end to answer',
      caller_id_type: 'Which of the caller-ID sets (`external`, `emergency`…) goes out',
      bypass_e164: 'Dial the number as given instead of its E.164 form',
      outbound_flags: 'Flags a carrier must have to be used',
      hunt_account_id: "Use this account's carriers instead of the caller's account",
    },
  },
  conference: {
    does: 'Puts the caller into a conference room (a conference document, or one described inline in `config`).',
    needs: 'a conference with that `id`, unless `config` describes it',
    example: { id: ids.conference, play_entry_tone: true },
    fields: {
      id: 'The conference document id (32 hex characters)',
      config: 'A conference described inline instead of by `id`',
      moderator: 'Join as a moderator',
      play_entry_tone: 'Tone when someone joins: true/false or a media',
      welcome_prompt: 'Whether (and what) to play on entry',
    },
  },
  conference_feature: {
    does: 'The conference feature code: like `conference`, for a caller who dials in with a code.',
    needs: 'a conference with that `id`, unless `config` describes it',
    example: { id: ids.conference, moderator: false },
  },
  voicemail: {
    does: 'Lets the caller leave a message (`compose`) or check a mailbox (`check`).',
    needs: 'a voicemail box with that `id`',
    example: { id: ids.voicemailBox, action: 'compose', max_message_length: 300 },
    fields: {
      id: 'The voicemail box id (32 hex characters)',
      action: '`compose` leaves a message, `check` logs into the box',
      max_message_length: 'Longest message, in seconds',
      interdigit_timeout: 'Milliseconds between digits when logging in',
    },
  },
  acdc_member: {
    does: 'Puts the caller in a call queue to wait for an agent.',
    needs: 'an ACDc queue with that `id` (the ACDc app running, agents logged in)',
    example: { id: ids.queue, priority: 1 },
  },
  acdc_agent: {
    does: 'Logs the calling agent in or out of all their queues, or pauses and resumes them.',
    needs: 'the caller to be a user set up as an ACDc agent',
    example: { action: 'paused', timeout: 300 },
  },
  acdc_queue: {
    does: 'Logs the calling agent in or out of one queue.',
    needs: 'an ACDc queue with that `id`, the caller an agent of it',
    example: { action: 'login', id: ids.queue },
  },
  acdc_wait_time: {
    does: "Branches on a queue's average wait: the child named by the threshold it exceeds, `_` otherwise.",
    needs: 'an ACDc queue with that `id`',
    example: { id: ids.queue, window: 900 },
    children: 'wait thresholds in seconds (e.g. `"120"`), and `_`',
  },
  park: {
    does: 'Parks the call in a slot, or retrieves the call parked there.',
    example: { action: 'park', slot: '101', default_callback_timeout: 120 },
    fields: {
      action: '`park` into a free or given slot, `retrieve` from it, `direct_park` to a slot, `auto` parks or retrieves as fits',
    },
  },
  transfer: {
    does: 'Transfers the call (blind or attended) to another extension or number.',
    example: { target: '2001', transfer_type: 'blind' },
    fields: {
      transfer_type: '`blind` hands over at once; `attended` lets the caller talk to the target first',
    },
  },
  after_bridge: {
    does: 'Says what happens to the caller once the bridged call ends: park, transfer or hang up.',
    example: { action: 'transfer', data: '2001' },
  },
  move: {
    does: "Moves the caller's active call to another of their devices.",
    needs: 'the caller to be a user or device with an active call',
    example: {},
  },
  intercom: {
    does: 'Calls a device so that it auto-answers, optionally even while busy.',
    needs: 'the dialled extension to be a device that honours auto-answer',
    example: { barge_calls: false },
  },
  route_to_cid: {
    does: 'Rings the endpoints whose caller ID matches the dialled number.',
    example: { cid_types: ['internal'], timeout: 20 },
  },
  call_waiting: {
    does: "Turns call waiting on, off or over for the caller's device or user.",
    example: { action: 'toggle', scope: 'device' },
  },
  camping_feature: {
    does: 'Camps on a busy extension: the caller is called back when it frees up.',
    example: {},
  },
  eavesdrop: {
    does: 'Listens in on a device or user’s call, when the caller is approved.',
    needs: 'the target device or user and the approved group, user or device',
    example: { approved_group_id: ids.group, device_id: ids.device },
  },
  eavesdrop_feature: {
    does: 'The eavesdrop feature code: listen in on the extension dialled after the code.',
    example: { approved_group_id: ids.group },
  },
  group_pickup: {
    does: 'Answers a call ringing in a group, at a user or at a device.',
    needs: 'the group, user or device named',
    example: { group_id: ids.group },
  },
  group_pickup_feature: {
    does: 'The pickup feature code: answer a call ringing at the extension, user, device or group dialled after the code.',
    example: { type: 'extension' },
  },
  intercept: {
    does: 'Takes over a call ringing at a user or device.',
    needs: 'the user or device named',
    example: { user_id: ids.user, approved_group_id: ids.group },
  },
  intercept_feature: {
    does: 'The intercept feature code: take over a call ringing at the extension dialled after the code.',
    example: { type: 'extension' },
  },
  privacy: {
    does: 'Hides the caller ID (name, number or both) on the outgoing call.',
    example: { mode: 'full' },
  },
  ring_group_toggle: {
    does: 'Logs the caller into or out of the ring group of a callflow.',
    needs: 'a callflow holding a ring group, with that `callflow_id`',
    example: { action: 'login', callflow_id: ids.callflow },
  },
  manual_presence: {
    does: 'Sets the presence (the BLF lamp) of a presence id.',
    example: { presence_id: 'reception@acme.example.com', status: 'busy' },
  },
  hotdesk: {
    does: 'Logs the caller into or out of a hot desk (their user on this device).',
    needs: 'a user with hot desking enabled',
    example: { action: 'toggle' },
  },
  call_forward: {
    does: "Turns the caller's call forwarding on, off or changes its number.",
    needs: 'the caller to be a user or device',
    example: { action: 'toggle' },
  },
  do_not_disturb: {
    does: "Turns the caller's do-not-disturb on, off or over.",
    example: { action: 'activate' },
  },
  directory: {
    does: 'Lets the caller find a person by spelling their name.',
    needs: 'a directory with that `id`',
    example: { id: ids.directory },
  },
  disa: {
    does: 'Gives the caller a dial tone to place a new call (after a PIN, when set).',
    example: { pin: '2468', max_digits: 15, preconnect_audio: 'dialtone' },
  },
} satisfies Record<string, ModuleGuide>;
