import type { Figure } from './figure';

/** Enough significant digits to compare, without pretending to more precision than a shared machine gives. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.01 || abs === 0) return value.toFixed(2);
  return value.toPrecision(2);
}

const goalText = (f: Figure) => (f.goal ? `${f.goal.op === '<=' ? '≤' : '≥'} ${f.goal.ratio}×` : '—');
const metText = (f: Figure) => (f.met === null ? '—' : f.met ? 'yes' : 'NO');

/** The stdout table: one row per figure, then the notes keyed by row number. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['#', 'figure', 'value', 'baseline', 'ratio', 'goal', 'met?'];
  const rows = figures.map((f, i) => [
    String(i + 1),
    f.label,
    `${formatNumber(f.value)} ${f.unit}`,
    f.baseline ? `${formatNumber(f.baseline.value)} ${f.baseline.unit} (${f.baseline.label})` : '—',
    f.ratio === null ? '—' : `${formatNumber(f.ratio)}×`,
    goalText(f),
    metText(f),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd();
  const notes = figures.map((f, i) => (f.note ? `  ${i + 1}. ${f.note}` : '')).filter(Boolean);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), '', 'notes:', ...notes].join('\n');
}
