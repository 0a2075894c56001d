import { existsSync } from 'node:fs';
import { describe } from '@jest/globals';

/**
 * Browser tests drive Debian's Chromium (playwright-core downloads no browser
 * here). Without it they are skipped with one line saying so, like the Kazoo
 * schema checks; with BROWSER_TESTS_REQUIRED=true (CI) a missing browser fails.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM_PATH);

if (!chromiumPresent) {
  if (process.env['BROWSER_TESTS_REQUIRED'] === 'true')
    throw new Error(`BROWSER_TESTS_REQUIRED is set but there is no Chromium at ${CHROMIUM_PATH}`);
  process.stdout.write(`\nBrowser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).\n\n`);
}

/** `describe` where Chromium is installed, `describe.skip` (reported as skipped) where it is not. */
export const describeWithChromium = chromiumPresent ? describe : describe.skip;
