/** The module guide for modules that steer the call, branch, set variables, or set and test the caller ID. */
import type { ModuleGuide } from './moduleGuide';
import { sampleIds as ids } from './sampleIds';

export const flowModules = {
  pivot: {
    does: 'Asks a web server what to do next and runs the callflow it answers (how this project is reached).',
    example: { voice_url: 'https://pivot.example.com/prod/pivot/main-number?token=4f9c2b7e1a', method: 'post', req_timeout_ms: 4000 },
    children: '`_` runs only if the request fails',
    fields: {
      voice_url: 'Where Kazoo asks; must be a reachable http(s) URL (not loopback)',
      method: '`get` or `post`',
      req_format: '`kazoo` (JSON callflow answers) or `twiml`',
      req_body_format: 'For POST: `form` or `json`',
      req_timeout_ms: 'Milliseconds Kazoo waits for the answer before taking `_`',
      cdr_url: 'Where Kazoo posts the call record when the call ends (after TwiML answers only)',
    },
  },
  callflow: {
    does: 'Continues with another callflow of the account.',
    needs: 'a callflow with that `id`',
    example: { id: ids.callflow },
  },
  response: {
    does: 'Answers the call with a SIP response (e.g. 486 Busy Here) and ends it.',
    example: { code: 486, message: 'Busy Here' },
    fields: {
      code: 'The SIP response code, e.g. 486 (busy) or 404',
      message: 'The SIP reason phrase',
      media: 'Media played before the response (early media)',
    },
  },
  hangup: {
    does: 'Hangs the call up.',
    example: {},
  },
  sleep: {
    does: 'Waits a while before going on to `_`.',
    example: { duration: 2, unit: 's' },
    fields: {
      duration: 'How long to wait, in `unit`s',
      unit: '`ms`, `s`, `m` or `h`',
    },
  },
  set_variables: {
    does: 'Sets custom application variables on the call (seen by later pivots, CDRs and webhooks).',
    example: { custom_application_vars: { tier: 'gold' } },
    fields: {
      custom_application_vars: 'Name → value; values are strings (Kazoo 4.3 accepts nothing else)',
      export: 'Also set them on the other leg of a bridge',
    },
  },
  temporal_route: {
    does: "Branches on the time of day with Kazoo's own temporal rules.",
    needs: 'the temporal rules (or rule set) named',
    example: { rules: [ids.temporalRule], timezone: 'America/New_York' },
    children: 'the rule ids, and `_` outside them',
    fields: {
      rules: 'The temporal rule ids to check, in order; the first active one names the branch',
      timezone: "IANA zone the rules are judged in; absent: the account's",
    },
  },
  webhook: {
    does: 'Sends the call details to a URL and goes on.',
    example: { uri: 'https://hooks.example.com/kazoo/calls', http_verb: 'post', retries: 2 },
    fields: {
      uri: 'Where the call details are sent',
      http_verb: '`post` or `get`',
      retries: 'How many times to retry a failed send',
      custom_data: 'Extra fields added to what is sent',
    },
  },
  set_cid: {
    does: 'Sets the caller ID name and number shown to whoever is called next.',
    example: { caller_id_name: 'Acme Support', caller_id_number: '+14155550100' },
    fields: {
      caller_id_name: 'The name shown; may hold {{placeholders}}',
      caller_id_number: 'The number shown',
    },
  },
  dynamic_cid: {
    does: 'Lets the caller choose the caller ID of the call they are about to place.',
    example: { action: 'manual', interdigit_timeout: 2000 },
  },
  prepend_cid: {
    does: 'Adds a prefix to the caller ID name or number (e.g. "VIP ").',
    example: { action: 'prepend', caller_id_name_prefix: 'VIP ' },
  },
  check_cid: {
    does: 'Branches on whether the caller ID matches a regex.',
    example: { regex: '^\\+1415', use_absolute_mode: false },
    children: '`match` and `nomatch`',
    fields: {
      regex: 'Caller-ID numbers it matches take the `match` branch',
      use_absolute_mode: 'Branch by the exact caller-ID number instead of match / nomatch',
    },
  },
  cidlistmatch: {
    does: 'Branches on whether the caller ID is in a match list.',
    needs: 'a match list with that `id`',
    example: { id: ids.list },
    children: '`match`, and `_` otherwise',
  },
  lookupcidname: {
    does: "Looks the caller's number up in match lists and sets the caller ID name from the entry found.",
    needs: 'the match lists named',
    example: { lists: [ids.list] },
  },
  nomorobo: {
    does: 'Asks NoMoRobo how likely the caller is a robocaller and branches on the score.',
    needs: 'a NoMoRobo account',
    example: { username: 'acme', password: 'secret' },
    children: 'score thresholds (e.g. `"3"`), and `_`',
  },
  answer: {
    does: 'Answers the call (starts billing and media) and goes on.',
    example: {},
  },
  noop: {
    does: 'Does nothing and goes on to `_`; a placeholder in a callflow.',
    example: {},
  },
  skel: {
    does: "Kazoo's template for new modules: does nothing and goes on.",
    example: {},
  },
  dead_air: {
    does: 'Answers and holds the line in silence until the caller hangs up.',
    example: {},
  },
  wait_for_hangup: {
    does: 'Waits, without answering, until the caller hangs up.',
    example: {},
  },
  edr: {
    does: 'Writes an event detail record for the call and goes on.',
    example: {},
  },
  set: {
    does: 'Merges its data into the agent skills of the call (used by ACDc queues to pick an agent).',
    example: { language: 'fr' },
  },
  function: {
    does: 'Runs a function document and continues with the callflow it returns.',
    needs: 'a function with that `id`',
    example: { id: ids.function },
  },
  branch_variable: {
    does: 'Branches on the value of a variable: the child named by the value, `_` otherwise.',
    example: { variable: 'tier', scope: 'custom_channel_vars' },
    children: 'the values expected, and `_`',
  },
  branch_bnumber: {
    does: 'Branches on the dialled number (hunting for a callflow that matches it).',
    example: { hunt: true, hunt_allow: '^\\+1' },
  },
  set_variable: {
    does: 'Sets one channel variable on this leg or both.',
    example: { variable: 'tier', value: 'gold', channel: 'a' },
  },
  set_alert_info: {
    does: 'Sets the Alert-Info header that phones use to choose a ring pattern.',
    example: { alert_info: '<http://acme.example.com>;info=Ring2' },
  },
} satisfies Record<string, ModuleGuide>;
