import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figure';
import type { Machine } from './machine';

export const RESULTS_FILE = fileURLToPath(new URL('../results.json', import.meta.url));

export type Results = {
  machine: Machine;
  durationSeconds: number;
  /** Measurements that could not run, by name, with the reason. */
  skipped: { measurement: string; reason: string }[];
  figures: Figure[];
};

export function writeResults(results: Results): void {
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}
