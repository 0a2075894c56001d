/**
 * Compile-time checks, run by `tsc` (not jest): a wrong builder option must be
 * a type error. Each `@ts-expect-error` fails the type-check if the line
 * below it ever compiles.
 */
import { collectDtmf, device, groupEndpoint, manualPresence, pivot, ringGroup, tts } from '../../../../lib/callflow';

const deviceId = 'a3f1c2d4e5f60718293a4b5c6d7e8f90';

export function wrongBuilderOptionsDoNotCompile(): void {
  // @ts-expect-error misspelt option
  device(deviceId, { timout: 20 });
  // @ts-expect-error timeout is an integer, not a string
  device(deviceId, { timeout: '20' });
  // @ts-expect-error Kazoo's snake_case names are not option names
  pivot({ voiceUrl: 'https://pivot.example.com/pivot', req_format: 'kazoo' });
  // @ts-expect-error voiceUrl is required
  pivot({ method: 'post' });
  // @ts-expect-error method is get/post/GET/POST only
  pivot({ voiceUrl: 'https://pivot.example.com/pivot', method: 'put' });
  // @ts-expect-error manual_presence status is idle, ringing or busy
  manualPresence('reception@acme.example.com', 'away');
  // @ts-expect-error ring_group endpoints are objects, never bare ids
  ringGroup([deviceId]);
  // @ts-expect-error endpoint_type is device, user or group
  groupEndpoint('phone', deviceId);
  // @ts-expect-error terminators are DTMF keys
  collectDtmf({ terminators: ['x'] });
  // @ts-expect-error tts needs its text
  tts();
}
