import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type RouteFileText = { ok: true; file: string; document: unknown } | { ok: false; file: string; error: string };

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export function isYamlFile(file: string): boolean {
  return YAML_EXTENSIONS.has(extname(file).toLowerCase());
}

/** Reads one route file: YAML by extension (.yaml, .yml), JSON otherwise. Never throws. */
export async function readRouteFile(file: string): Promise<RouteFileText> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, file, error: `cannot read the file (${(error as Error).message})` };
  }
  if (isYamlFile(file)) {
    try {
      // uniqueKeys (the default) makes a duplicated key an error instead of a silent overwrite.
      return { ok: true, file, document: parseYaml(text) as unknown };
    } catch (error) {
      return { ok: false, file, error: `not valid YAML (${firstLine((error as Error).message)})` };
    }
  }
  try {
    return { ok: true, file, document: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, file, error: `not valid JSON (${(error as Error).message})` };
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
