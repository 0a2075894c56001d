import type { Change } from './diffRouteDocuments';

const PREVIEW_CHARS = 60;

/** `rule business-hours changed, rule after-hours added, fallback changed`: the one-line summary push prints. */
export function summarizeChanges(changes: Change[]): string {
  const byUnit = new Map<string, Change[]>();
  for (const change of changes) byUnit.set(change.unit, [...(byUnit.get(change.unit) ?? []), change]);
  return [...byUnit]
    .map(([unit, unitChanges]) => {
      const whole = unitChanges.length === 1 && unitChanges[0]!.wholeUnit ? unitChanges[0]!.kind : 'changed';
      return `${unit} ${whole}`;
    })
    .join(', ');
}

/** One line per changed path, for `diff`: `~ rules.0(business-hours).then.data.timeout: 20 -> 30`. */
export function describeChanges(changes: Change[]): string[] {
  return changes.map((change) => {
    switch (change.kind) {
      case 'added':
        return `+ ${change.path}: ${preview(change.after)}`;
      case 'removed':
        return `- ${change.path}: ${preview(change.before)}`;
      case 'changed':
        return `~ ${change.path}: ${preview(change.before)} -> ${preview(change.after)}`;
      case 'reordered':
        return `~ ${change.path} order: ${(change.before as string[]).join(', ')} -> ${(change.after as string[]).join(', ')}`;
    }
  });
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 3)}...` : text;
}
