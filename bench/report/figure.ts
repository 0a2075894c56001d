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
