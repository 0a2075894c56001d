import type { AnswerSummary } from '../../lib/preview/answerSummary';
import { DAY_NAMES, formatMinute } from '../../lib/preview/slotRanges';
import { SLOT_MINUTES, SLOTS_PER_DAY, type WeekGrid } from '../../lib/preview/weekGrid';
import { weekAnswers } from '../../lib/preview/weekSummary';
import { formatIsoDate } from '../../lib/temporal/localDate';
import { html, type RawHtml } from './htmlDocument';

/** Tableau 10 without its red, which is kept for "no answer (503)". */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7', '#9c755f', '#bab0ac', '#17becf'];
const UNAVAILABLE_COLOUR = '#e15759';

export type AnswerColours = Map<string, { answer: AnswerSummary; colour: string }>;

/** One colour per distinct answer of the week, in order of first appearance. */
export function answerColours(grid: WeekGrid): AnswerColours {
  const colours: AnswerColours = new Map();
  let next = 0;
  for (const answer of weekAnswers(grid)) {
    const colour = answer.key === 'unavailable' ? UNAVAILABLE_COLOUR : PALETTE[next++ % PALETTE.length]!;
    colours.set(answer.key, { answer, colour });
  }
  return colours;
}

const CELL_W = 9;
const CELL_H = 26;
const LEFT = 92;
const TOP = 22;

/**
 * The week as a heatmap: a row per day (Monday first), a cell per quarter
 * hour, coloured by what a call placed then gets. Each cell carries its instant
 * (data-at) and a tooltip; the route page lets a click put that instant into the
 * simulated-call form.
 */
export function weekHeatmapSvg(grid: WeekGrid, colours: AnswerColours): RawHtml {
  const width = LEFT + SLOTS_PER_DAY * CELL_W + 4;
  const height = TOP + 7 * CELL_H + 4;
  const hours = Array.from({ length: 8 }, (_, i) => i * 3);
  return html`<svg id="week-heatmap" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Who answers ${grid.routeId} in the week of ${formatIsoDate(grid.monday)} (${grid.timezone})">
${hours.map((h) => html`<text x="${LEFT + (h * 60 * CELL_W) / SLOT_MINUTES}" y="14" font-size="11" fill="#536170">${formatMinute(h * 60)}</text>`)}
${grid.days.map(
  (
    day,
    d,
  ) => html`<text x="0" y="${TOP + d * CELL_H + 17}" font-size="12" fill="#1d2733">${DAY_NAMES[d]} ${String(day.date.day).padStart(2, '0')}.${String(day.date.month).padStart(2, '0')}</text>
${day.slots.map((slot, i) => {
  const entry = colours.get(slot.answer.key)!;
  return html`<rect class="slot" x="${LEFT + i * CELL_W}" y="${TOP + d * CELL_H}" width="${CELL_W - 1}" height="${CELL_H - 2}" fill="${entry.colour}" data-at="${slot.at.toISOString()}" data-answer="${slot.answer.key.startsWith('callflow:') ? 'callflow' : slot.answer.key}"><title>${DAY_NAMES[d]} ${formatMinute(slot.minute)}–${formatMinute(slot.minute + SLOT_MINUTES)}: ${slot.answer.words} (${slot.answer.via})</title></rect>`;
})}`,
)}
</svg>`;
}

export function heatmapLegend(colours: AnswerColours): RawHtml {
  return html`<div class="legend" id="heatmap-legend">${[...colours.values()].map(
    ({ answer, colour }) =>
      html`<span><span class="swatch" style="background:${colour}"></span>${answer.words} <span class="muted">(${answer.via})</span></span>`,
  )}</div>`;
}
