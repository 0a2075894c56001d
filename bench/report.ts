/**
 * What a benchmark run reports: figures (each a ratio against a baseline measured
 * in the same run), the machine they were measured on, the stdout table and
 * bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** A goal on the ratio subject ÷ baseline: at most (≤) or at least (≥) this. */
export type Goal = { op: '<=' | '>='; ratio: number };

/**
 * One line of the table and of results.json: a figure, the baseline measured in
 * the same run, and their ratio (subject ÷ baseline). Only the ratio is compared
 * with a goal, because absolute figures on a shared machine mean little.
 */
export type Figure = {
  id: string;
  label: string;
  value: number;
  unit: string;
  baseline: { label: string; value: number; unit: string } | null;
  ratio: number | null;
  goal: Goal | null;
  met: boolean | null;
  /** How many samples or requests the figure rests on, and anything a reader needs. */
  note?: string;
};

export function figure(f: Omit<Figure, 'ratio' | 'met'> & { ratio?: number | null }): Figure {
  const ratio = f.ratio !== undefined ? f.ratio : f.baseline ? f.value / f.baseline.value : null;
  const met = f.goal && ratio !== null ? (f.goal.op === '<=' ? ratio <= f.goal.ratio : ratio >= f.goal.ratio) : null;
  return { ...f, ratio, met };
}

/** An absolute goal (bundle size in KB) expressed on the value itself: value ÷ limit, goal ≤ 1. */
export function withinLimit(f: Omit<Figure, 'ratio' | 'met' | 'goal' | 'baseline'>, limit: { label: string; value: number }): Figure {
  return figure({ ...f, baseline: { label: limit.label, value: limit.value, unit: f.unit }, goal: { op: '<=', ratio: 1 } });
}

export type Machine = { date: string; node: string; cpuModel: string; cores: number; platform: string };

/** What a figure was measured on: ratios travel between machines, absolute values do not. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Enough significant digits to compare, without pretending to more precision than a shared machine gives. */
function formatNumber(value: number): string {
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
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join(' | ')
      .trimEnd();
  const notes = figures.map((f, i) => (f.note ? `  ${i + 1}. ${f.note}` : '')).filter(Boolean);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), '', 'notes:', ...notes].join('\n');
}

export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

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
