/** The module guide for modules that play, record or collect sound, handle faxes, or notify someone. */
import type { ModuleGuide } from './moduleGuide';
import { sampleIds as ids } from './sampleIds';

export const mediaModules = {
  tts: {
    does: 'Speaks a text with text-to-speech.',
    example: { text: 'Thanks for calling Acme.', voice: 'female', language: 'en-US' },
    fields: {
      text: 'What to say; may hold {{placeholders}}',
      voice: '`female` or `male` (others depend on the engine)',
      language: 'e.g. `en-US`',
      engine: 'The TTS engine configured in Kazoo',
      terminators: 'Keys that stop the speech',
    },
  },
  play: {
    does: 'Plays a media file (a media document id or a URL).',
    needs: 'a media document with that `id`, or a URL Kazoo can fetch',
    example: { id: ids.media, answer: true, terminators: ['#'] },
    fields: {
      id: 'A media document id, or a URL Kazoo can fetch',
      loop_count: 'How many times to play',
      answer: 'Answer the call before playing',
      terminators: 'Keys that stop the playback',
    },
  },
  record_call: {
    does: 'Starts or stops recording both sides of the call.',
    example: { action: 'start', format: 'mp3', time_limit: 3600, url: 'https://recordings.example.com/calls' },
    fields: {
      action: '`start` or `stop` recording',
      time_limit: 'Longest recording, in seconds',
      url: 'Where Kazoo PUTs or POSTs the recording',
      format: '`mp3` or `wav`',
    },
  },
  record_caller: {
    does: "Records the caller's side only (a message-style recording) and sends it to `url`.",
    example: { format: 'mp3', time_limit: 600, url: 'https://recordings.example.com/messages' },
  },
  send_dtmf: {
    does: 'Sends touch-tone digits down the call (to an auto-attendant on the other side).',
    example: { digits: '1234#', duration_ms: 250 },
  },
  language: {
    does: 'Sets the language of the prompts played from here on.',
    example: { language: 'fr-CA' },
  },
  audio_macro: {
    does: 'Plays several sounds in turn: media, system prompts, spoken values, TTS and tones.',
    example: {
      macros: [
        { macro: 'prompt', id: 'vm-you_have' },
        { macro: 'say', text: '3', type: 'number', method: 'pronounced' },
        { macro: 'tts', text: 'new messages' },
        { macro: 'tone', frequencies: [440], duration_on: 500, duration_off: 100 },
      ],
    },
    fields: {
      macros:
        'Each item names its kind in `macro` and takes that kind’s fields: `play` and `tts` as those modules; `prompt`: `id`, `language`; `say`: `text`, `type`, `method`, `gender`, `language`; `tone`: `frequencies` (Hz), `duration_on` / `duration_off` (ms), `volume` (0–100), `repeat`',
      terminators: 'Keys that stop the playback',
    },
  },
  collect_dtmf: {
    does: 'Collects digits under a name; the next pivot request carries them (`Digits`).',
    example: { collection_name: 'pin', max_digits: 4, terminators: ['#'], timeout: 5000 },
    fields: {
      collection_name: 'Name the digits are kept under; the next pivot request carries them as `Digits[name]`',
      max_digits: 'Stop after this many digits',
      timeout: 'Milliseconds to wait for the first digit',
      interdigit_timeout: 'Milliseconds to wait between digits',
      terminators: 'Keys that end the entry',
      terminator: 'One key that ends the entry',
    },
  },
  flush_dtmf: {
    does: 'Forgets the digits collected so far under a name.',
    example: { collection_name: 'pin' },
  },
  menu: {
    does: "Plays a menu document's greeting and branches on the key pressed.",
    needs: 'a menu with that `id`',
    example: { id: ids.menu },
    children: 'the keys (`"1"`, `"2"`…), and `_` when nothing matches',
    fields: {
      id: 'The menu document id',
      interdigit_timeout: 'Milliseconds between digits',
    },
  },
  faxbox: {
    does: 'Receives a fax into a faxbox.',
    needs: 'a faxbox with that `id`',
    example: { id: ids.faxbox, media: { fax_option: 'auto' } },
  },
  receive_fax: {
    does: 'Receives a fax and emails it to the owner user.',
    needs: 'a user with that `owner_id`',
    example: { owner_id: ids.user, media: { fax_option: true } },
  },
  fax_detect: {
    does: 'Listens for a fax tone and branches on what it hears.',
    example: { duration: 5 },
    children: '`ON_FAX` and `ON_VOICE`',
  },
  missed_call_alert: {
    does: 'Emails the recipients when the call ends unanswered.',
    example: { recipients: [{ type: 'email', id: 'frontdesk@acme.example.com' }] },
  },
  notification: {
    does: 'Sends a custom notification (email or SMS) about the call to the recipients.',
    needs: 'a notification template with that `template_id`, when given',
    example: { recipients: [{ type: 'email', id: ['ops@acme.example.com'] }], send_at: 'channel_destroy', comments: 'VIP line' },
  },
} satisfies Record<string, ModuleGuide>;
