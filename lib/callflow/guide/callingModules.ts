/** The module guide for modules that ring someone, queue, park, transfer or act on a caller's own features. */
import type { ModuleGuide } from './moduleGuide';
import { sampleIds as ids } from './sampleIds';

export const callingModules = {
  device: {
    does: 'Rings one device (a phone, softphone or SIP trunk registered to the account).',
    needs: 'a device with that `id` in the account',
    example: { id: ids.device, timeout: 20, can_call_self: false },
  },
  user: {
    does: "Rings every device a user owns (and follows the user's call forwarding).",
    needs: 'a user with that `id`',
    example: { id: ids.user, timeout: 25, strategy: 'simultaneous' },
  },
  group: {
    does: 'Rings the members of a group document.',
    needs: 'a group with that `id`',
    example: { id: ids.group, timeout: 30, strategy: 'simultaneous' },
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
  },
  page_group: {
    does: 'Pages a list of endpoints: their phones auto-answer on speaker.',
    needs: 'each endpoint in the account, with phones that honour auto-answer',
    example: { audio: 'one-way', endpoints: [{ id: ids.device, endpoint_type: 'device' }], timeout: 5 },
  },
  resources: {
    does: "Sends the call out through carriers: the system's, or the account's own (`use_local_resources`).",
    needs: 'a carrier (resource) that routes the number',
    example: { to_did: '+14155550123', use_local_resources: false, timeout: 45 },
  },
  offnet: {
    does: "Sends the call out through the system carriers; Kazoo runs it as `resources` with `use_local_resources` false (the account's own carriers are never used).",
    needs: 'a system carrier that routes the number',
    example: { to_did: '+14155550123', timeout: 45 },
  },
  conference: {
    does: 'Puts the caller into a conference room (a conference document, or one described inline in `config`).',
    needs: 'a conference with that `id`, unless `config` describes it',
    example: { id: ids.conference, play_entry_tone: true },
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
  },
  transfer: {
    does: 'Transfers the call (blind or attended) to another extension or number.',
    example: { target: '2001', transfer_type: 'blind' },
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
