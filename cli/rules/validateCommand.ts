import { loadRouteFiles } from './loadRouteFiles';
import { EXIT_FAILED, EXIT_OK, type RulesIo } from './rulesCliTypes';

/** `validate <files…>`: file by file, an OK line or one error line per problem; exit 1 if any file is invalid. */
export async function validateCommand(files: string[], io: RulesIo): Promise<number> {
  const loaded = await loadRouteFiles(files);
  for (const result of loaded.results) {
    if (result.ok) {
      const { route } = result.local;
      const steps = Object.keys(route.steps).length;
      io.stdout.write(`OK  ${result.file}  route ${route.id} (${plural(route.rules.length, 'rule')}, ${plural(steps, 'step')})\n`);
    } else {
      for (const line of result.errors) io.stderr.write(`${line}\n`);
    }
  }
  if (loaded.invalidFiles.length === 0) return EXIT_OK;
  io.stderr.write(`${loaded.invalidFiles.length} of ${plural(files.length, 'file')} invalid\n`);
  return EXIT_FAILED;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
