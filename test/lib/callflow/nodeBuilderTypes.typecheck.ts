/**
 * Compile-time checks, run by `tsc` (not jest): a wrong builder option must be
 * a type error. Each `@ts-expect-error` fails the type-check if the line
 * below it ever compiles.
 */
import { collectDtmf, pivot, play, tts } from '../../../lib/callflow';

export function wrongBuilderOptionsDoNotCompile(): void {
  // @ts-expect-error Kazoo's snake_case names are not option names
  pivot({ voiceUrl: 'https://pivot.example.com/pivot', req_format: 'kazoo' });
  // @ts-expect-error voiceUrl is required
  pivot({ method: 'post' });
  // @ts-expect-error method is get/post/GET/POST only
  pivot({ voiceUrl: 'https://pivot.example.com/pivot', method: 'put' });
  // @ts-expect-error req_timeout_ms is a number of milliseconds
  pivot({ voiceUrl: 'https://pivot.example.com/pivot', reqTimeoutMs: '3000' });
  // @ts-expect-error terminators are DTMF keys
  collectDtmf({ terminators: ['x'] });
  // @ts-expect-error the first-digit wait is timeoutMs, never Kazoo's bare timeout
  collectDtmf({ timeout: 5000 });
  // @ts-expect-error misspelt option
  play('7d3a9f2c6e1b48d5a0c9e8f7b6a5d4c3', { loopCont: 2 });
  // @ts-expect-error tts needs its text
  tts();
}
