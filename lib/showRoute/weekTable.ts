import type { AnswerSummary } from '../preview/answerSummary';
import { DAY_NAMES, formatMinute } from '../preview/slotRanges';
import { SLOT_MINUTES, type WeekGrid } from '../preview/weekGrid';

/**
 * A week as a table: one row per stretch of time in which no day changes its
 * answer, one column per day, each cell a legend letter.
 *
 *                Mon Tue Wed Thu Fri Sat Sun
 *   00:00–09:00   A   A   A   A   A   A   A
 *   09:00–17:00   B   B   B   B   B   A   A
 *   A  voicemail b7e2…  (fallback)
 */
export function weekTable(grid: WeekGrid): string[] {
  const legend = new Map<string, { letter: string; answer: AnswerSummary }>();
  const letterOf = (answer: AnswerSummary) => {
    let entry = legend.get(answer.key);
    if (!entry) {
      entry = { letter: letterFor(legend.size), answer };
      legend.set(answer.key, entry);
    }
    return entry.letter;
  };
  const rows: { start: number; end: number; cells: string[] }[] = [];
  const slots = grid.days[0]?.slots.length ?? 0;
  for (let i = 0; i < slots; i++) {
    const cells = grid.days.map((day) => letterOf(day.slots[i]!.answer));
    const last = rows[rows.length - 1];
    if (last && last.cells.join() === cells.join()) last.end += SLOT_MINUTES;
    else rows.push({ start: i * SLOT_MINUTES, end: (i + 1) * SLOT_MINUTES, cells });
  }
  const width = Math.max(...[...legend.values()].map((e) => e.letter.length), 3);
  const header = `${' '.repeat(11)} ${DAY_NAMES.map((d) => d.padStart(width)).join(' ')}`;
  const body = rows.map((r) => `${formatMinute(r.start)}–${formatMinute(r.end)} ${r.cells.map((c) => c.padStart(width)).join(' ')}`);
  const key = [...legend.values()].map(
    ({ letter, answer }) => `${letter.padStart(2)}  ${answer.words.replaceAll(' → ', ' then ')}  (${answer.via})`,
  );
  return [header, ...body, ...key];
}

/** A … Z, then AA, AB …: a route has rarely more than a handful of answers. */
function letterFor(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? letters[index]! : `${letters[Math.floor(index / 26) - 1]}${letters[index % 26]}`;
}
