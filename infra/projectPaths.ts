import { fileURLToPath } from 'node:url';

// Resolved from this file, not the working directory, so synth behaves the same from the CLI, jest or an IDE.
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export function fromProjectRoot(relativePath: string): string {
  return fileURLToPath(new URL(`../${relativePath}`, import.meta.url));
}
