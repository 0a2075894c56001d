import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../fixtures/exampleRoutes';
import { officeDocument } from '../../fixtures/previewRoutes';

/** An examples directory for the local server: two shipped examples and the Berlin office (it has a holiday). */
export function consoleExamplesDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kazoo-pivot-console-'));
  for (const file of ['main-number.json', 'sales-support-menu.json']) copyFileSync(join(EXAMPLES_DIR, file), join(dir, file));
  writeFileSync(join(dir, 'office.json'), JSON.stringify(officeDocument));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Tuesday 2026-11-24, 10:00 in New York, 16:00 in Berlin. */
export const CONSOLE_CLOCK = new Date('2026-11-24T15:00:00Z');
