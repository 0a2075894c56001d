import { describe, expect, it } from '@jest/globals';
import { isConsoleClient } from '../../../local/console/consoleAccess';

describe('who may see the local console', () => {
  it.each([
    ['127.0.0.1', 'localhost:3000'],
    ['127.0.0.1', '127.0.0.1:3000'],
    ['::1', '[::1]:3000'],
  ])('this machine by its own name: %s asking for %s', (ip, host) => {
    expect(isConsoleClient(ip, host)).toBe(true);
  });

  it.each([
    ['another machine on the LAN', '192.168.1.20', 'localhost:3000'],
    ['a tunnel: loopback address, public Host', '127.0.0.1', 'abc.ngrok.example'],
    ['a page that rebound its name to 127.0.0.1', '127.0.0.1', 'evil.example:3000'],
    ['no Host at all', '127.0.0.1', undefined],
  ])('not %s', (_label, ip, host) => {
    expect(isConsoleClient(ip, host)).toBe(false);
  });
});
