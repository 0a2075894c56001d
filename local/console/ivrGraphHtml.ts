import { describeCallflow } from '../../lib/preview/answerSummary';
import type { Conditions } from '../../lib/routes/conditionsSchema';
import type { Action, Route, Step } from '../../lib/routes/routeSchema';
import { formatDays, formatMinute } from '../../lib/preview/slotRanges';
import type { TemporalRule } from '../../lib/temporal/temporalRuleSchema';
import { weekdayToDow } from '../../lib/temporal/weekdays';
import { html, type RawHtml } from './htmlDocument';

type Edge = { key: string; action: Action | undefined; note?: string };

/**
 * The route as a graph, left to right: the entry rules, then each IVR step in
 * the order a caller can reach it (columns by distance from the entry), each
 * with its prompt and one edge per option. An edge to a step links to it; an
 * edge to a callflow says it in words.
 */
export function ivrGraphHtml(route: Route): RawHtml {
  const columns = stepColumns(route);
  const entryEdges: Edge[] = [
    ...route.rules.map((rule, i) => ({ key: rule.name ?? `rule-${i + 1}`, action: rule.then, note: conditionWords(rule.when) })),
    { key: 'otherwise', action: route.fallback, note: 'fallback' },
  ];
  return html`<div class="graph" id="ivr-graph">
<div class="column"><div class="node" id="node-entry"><h3>call arrives</h3>${edgesHtml(entryEdges)}</div></div>
${columns.map(
  (names) =>
    html`<div class="column">${names.map((name) => {
      const step = route.steps[name]!;
      return html`<div class="node" id="step-${name}" data-step="${name}"><h3>step ${name}</h3>
<div class="prompt">${promptWords(step)}</div>${edgesHtml(stepEdges(step, route))}</div>`;
    })}</div>`,
)}
</div>`;
}

function stepEdges(step: Step, route: Route): Edge[] {
  const edges: Edge[] = step.options.map((o, i) => ({
    key: o.digits !== undefined ? [o.digits].flat().join(' / ') : o.pattern !== undefined ? `/${o.pattern}/` : `option ${i + 1}`,
    action: o.then,
    ...(o.when && { note: conditionWords(o.when) }),
  }));
  edges.push({
    key: `${step.maxAttempts} misses`,
    action: step.onFailure ?? route.fallback,
    note: step.onFailure ? 'onFailure' : 'fallback',
  });
  return edges;
}

function edgesHtml(edges: Edge[]): RawHtml {
  return html`${edges.map(
    (e) =>
      html`<div class="edge"><span class="key">${e.key}</span> <span>→ ${targetHtml(e.action)}${e.note ? html` <span class="muted">(${e.note})</span>` : ''}</span></div>`,
  )}`;
}

function targetHtml(action: Action | undefined): RawHtml {
  if (!action) return html`<span class="bad">503: Kazoo takes the pivot _ branch</span>`;
  // A weighted split: each branch's share and where it goes.
  if (Array.isArray(action)) return html`${action.map((b, i) => html`${i > 0 ? ' / ' : ''}${b.weight}: ${targetHtml(b.then)}`)}`;
  if ('goto' in action) return html`<a href="#step-${action.goto}">step ${action.goto}</a>`;
  if ('twiml' in action) return html`a TwiML answer`;
  return html`${describeCallflow(action)}`;
}

function promptWords(step: Step): string {
  return 'tts' in step.prompt ? `“${step.prompt.tts}”` : `play ${step.prompt.play}`;
}

/** Steps grouped by how many jumps from the entry reach them first; unreachable steps come last. */
function stepColumns(route: Route): string[][] {
  const depth = new Map<string, number>();
  let frontier = targetsOf([...route.rules.map((r) => r.then), route.fallback]);
  for (let d = 0; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const name of frontier) {
      if (depth.has(name) || !Object.hasOwn(route.steps, name)) continue;
      depth.set(name, d);
      const step = route.steps[name]!;
      next.push(...targetsOf([...step.options.map((o) => o.then), step.onFailure]));
    }
    frontier = next;
  }
  const unreachable = Object.keys(route.steps).filter((name) => !depth.has(name));
  const columns: string[][] = [];
  for (const [name, d] of depth) {
    columns[d] = [...(columns[d] ?? []), name];
  }
  if (unreachable.length > 0) columns.push(unreachable);
  return columns.filter(Boolean);
}

function targetsOf(actions: (Action | undefined)[]): string[] {
  return actions.flatMap((a) => (Array.isArray(a) ? targetsOf(a.map((b) => b.then)) : a && 'goto' in a ? [a.goto] : []));
}

/** A rule's `when` in a few words: "time: Weekdays 9 to 5; caller +4930111". */
export function conditionWords(when: Conditions): string {
  const parts: string[] = [];
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const numbers = (m: { numbers?: string[]; patterns?: string[] }) =>
    [...(m.numbers ?? []), ...(m.patterns ?? []).map((p) => `/${p}/`)].join(', ');
  if (when.time)
    parts.push(
      `time: ${list(when.time)
        .map((t) => t.name ?? temporalWords(t))
        .join(', ')}`,
    );
  if (when.callerId) parts.push(`caller ${numbers(when.callerId)}`);
  if (when.dialed) parts.push(`dialed ${numbers(when.dialed)}`);
  for (const d of list(when.digits))
    parts.push(
      `digits ${d.collection}${d.equals !== undefined ? ` = ${list(d.equals).join('/')}` : d.pattern !== undefined ? ` ~ /${d.pattern}/` : d.present ? ' given' : ' absent'}`,
    );
  if (when.language) parts.push(`language ${list(when.language).join(', ')}`);
  if (when.userId) parts.push(`user ${list(when.userId).join(', ')}`);
  for (const name of Object.keys(when.vars ?? {})) parts.push(`var ${name}`);
  if (when.direction) parts.push(when.direction);
  return parts.length > 0 ? parts.join('; ') : 'always';
}

/** An unnamed Kazoo temporal rule in words: "weekly Mon–Fri 12:00–13:00", "yearly 12/25". */
function temporalWords(rule: TemporalRule): string {
  const days = rule.wdays.length > 0 && rule.wdays.length < 7 ? ` ${formatDays(rule.wdays.map((w) => weekdayToDow(w) - 1))}` : '';
  const dates = rule.days.length > 0 ? ` ${rule.cycle === 'yearly' ? `${rule.month}/` : 'day '}${rule.days.join(',')}` : '';
  const start = rule.timeWindowStart ?? 0;
  const stop = rule.timeWindowStop ?? 86_400;
  const window = start === 0 && stop >= 86_400 ? '' : ` ${formatMinute(Math.floor(start / 60))}–${formatMinute(Math.ceil(stop / 60))}`;
  return `${rule.cycle}${(rule.cycle === 'monthly' || rule.cycle === 'yearly') && rule.days.length === 0 ? ` ${rule.ordinal}` : ''}${days}${dates}${window}`;
}
