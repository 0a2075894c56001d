import type { PreviewCaller } from '../../lib/preview/previewCaller';
import { upcomingExceptions } from '../../lib/preview/upcomingExceptions';
import { evaluateWeek } from '../../lib/preview/weekGrid';
import { describeWeek } from '../../lib/preview/weekSummary';
import type { Route } from '../../lib/routes/routeSchema';
import { addDays, formatIsoDate, type LocalDate } from '../../lib/temporal/localDate';
import type { StepFunnel } from '../../lib/pivot/ivrFunnel';
import { type RawHtml, htmlPage, html } from './htmlDocument';
import { ivrGraphHtml } from './ivrGraphHtml';
import { answerColours, heatmapLegend, weekHeatmapSvg } from './weekHeatmapSvg';

export type RoutePageInput = {
  route: Route;
  now: Date;
  /** Whose week the heatmap shows (the caller the rules would see). */
  caller: PreviewCaller;
  /** The Monday of the week shown; default the week of `now`. */
  monday?: LocalDate;
  /** The IVR funnel of the calls this server kept for the route. */
  funnel: Map<string, StepFunnel>;
  /** The stored versions: which is live, whether a draft waits, and which of them this page shows. */
  versions?: { live?: number; draft?: number; showingDraft: boolean };
};

/** One route at a glance: the week heatmap, the coming exceptions, the IVR graph, and a simulated call. */
export function routePage({ route, now, caller, monday, funnel, versions }: RoutePageInput): string {
  const grid = evaluateWeek(route, { now, caller, ...(monday && { monday }) });
  const colours = answerColours(grid);
  const exceptions = upcomingExceptions(route, { now, caller, days: 90 });
  const weekLink = (d: LocalDate) =>
    `?${new URLSearchParams({ ...callerQuery(caller), ...(versions?.showingDraft && { draft: '1' }), week: formatIsoDate(d) }).toString()}`;
  const body = html`<h1>Route <code>${route.id}</code></h1>
<p>${route.description ?? ''} <span class="muted">Time zone ${route.timezone}; judged at ${now.toISOString()}.</span></p>
${versionLine(route, versions)}
<section id="week"><h2>Who answers when — week of ${formatIsoDate(grid.monday)}</h2>
<form method="get" class="call"><label>as caller <input type="text" name="from" value="${caller.callerIdNumber ?? ''}" placeholder="any caller"></label>
<label>dialed <input type="text" name="to" value="${caller.dialed ?? ''}" placeholder="any number"></label>
<label>language <input type="text" name="language" value="${caller.language ?? ''}" placeholder="none"></label>
<input type="hidden" name="week" value="${formatIsoDate(grid.monday)}">${versions?.showingDraft ? html`<input type="hidden" name="draft" value="1">` : ''}<button type="submit">show</button>
<a href="${weekLink(addDays(grid.monday, -7))}">← previous week</a> · <a href="${weekLink(addDays(grid.monday, 7))}">next week →</a></form>
${weekHeatmapSvg(grid, colours)}
${heatmapLegend(colours)}
<details><summary>in words</summary><pre id="week-words">${describeWeek(grid).join('\n')}</pre></details>
<p class="muted">Each cell is a fresh call placed in the middle of that quarter hour; click a cell to put its time in the call form below.</p></section>
<section id="exceptions"><h2>Coming exceptions (next 90 days)</h2>
${exceptions.length === 0 ? html`<p class="muted">None: every day answers like its weekday usually does.</p>` : html`<table>${exceptions.map((e) => html`<tr><th>${e.iso}</th><td>${e.words}</td></tr>`)}</table>`}
</section>
<section id="ivr"><h2>Call flow</h2>${ivrGraphHtml(route)}</section>
<section id="funnel"><h2>IVR funnel of the last calls here</h2>${funnelTable(route, funnel)}</section>
<section id="simulate"><h2>Place a simulated call</h2>
<form class="call" id="call-form" data-route="${route.id}">
<label>at <input type="text" name="at" value="${now.toISOString()}" size="26"></label>
<label>caller <input type="text" name="from" value="${caller.callerIdNumber ?? (versions?.showingDraft ? route.testCallers?.[0] : undefined) ?? '+14155550123'}"></label>
<label>dialed <input type="text" name="to" value="${caller.dialed ?? '+12125550100'}"></label>
<label>digits <input type="text" name="digits" value="" placeholder="1,2 (one per prompt)"></label>
<label><input type="checkbox" name="answer"> callee answers</label>
<button type="submit">call</button></form>
<pre id="transcript" hidden></pre><p id="timeline-link"></p></section>`;
  return htmlPage(`${route.id} — kazoo-pivot`, body, ROUTE_SCRIPT);
}

/** Which stored version the page shows, with a link to the other. */
function versionLine(route: Route, versions: RoutePageInput['versions']): RawHtml {
  if (!versions || versions.live === undefined) return html``;
  if (versions.showingDraft) {
    const testers = route.testCallers?.length ? route.testCallers.join(', ') : 'none listed';
    return html`<p id="version" class="bad">Draft version ${versions.draft}: not live. Only its test callers (${testers}) get it; everyone else gets <a href="?">live version ${versions.live}</a>. <code>npm run rules -- publish ${route.id} ${versions.draft}</code> makes it live.</p>`;
  }
  const draft = versions.draft === undefined ? '' : html` · <a href="?draft=1">draft version ${versions.draft}</a> waits to be published`;
  return html`<p id="version">Live version ${versions.live}${draft}</p>`;
}

/** The deployed dashboard's funnel, from the calls this server kept (see /console/calls). */
function funnelTable(route: Route, funnel: Map<string, StepFunnel>): RawHtml {
  if (funnel.size === 0) return html`<p class="muted">No calls on this route yet.</p>`;
  const optionsOf = (step: string) => (Object.hasOwn(route.steps, step) ? route.steps[step]!.options.length : 0);
  return html`<table id="funnel-table"><tr><th>step</th><th>entered</th><th>options chosen</th><th>invalid</th><th>timed out</th><th>retries exhausted</th><th>fallback</th></tr>
${[...funnel.entries()].map(([step, f]) => {
  const chosen = Array.from({ length: optionsOf(step) }, (_, i) => `${i + 1}: ${f.chosen[i + 1] ?? 0}`).join(', ');
  return html`<tr data-step="${step}"><td>${step}</td><td>${f.entered}</td><td>${chosen}</td><td>${f.invalid}</td><td>${f.timedOut}</td><td>${f.retriesExhausted}</td><td>${f.fallback}</td></tr>`;
})}</table>`;
}

function callerQuery(caller: PreviewCaller): Record<string, string> {
  return {
    ...(caller.callerIdNumber && { from: caller.callerIdNumber }),
    ...(caller.dialed && { to: caller.dialed }),
    ...(caller.language && { language: caller.language }),
  };
}

/** Clicking a heatmap cell fills the time; the form posts JSON and shows the transcript. */
const ROUTE_SCRIPT = `
const form = document.getElementById('call-form');
document.querySelectorAll('#week-heatmap .slot').forEach((cell) => cell.addEventListener('click', () => {
  form.elements.at.value = cell.dataset.at;
  form.scrollIntoView({ behavior: 'smooth' });
}));
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = form.elements;
  const out = document.getElementById('transcript');
  out.hidden = false;
  out.textContent = 'calling…';
  const response = await fetch('/console/routes/' + encodeURIComponent(form.dataset.route) + '/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at: f.at.value, from: f.from.value, to: f.to.value, digits: f.digits.value, answer: f.answer.checked }),
  });
  const result = await response.json();
  out.textContent = result.transcript ?? result.message;
  out.dataset.status = response.ok ? (result.failed ? 'failed' : 'completed') : 'refused';
  const link = document.getElementById('timeline-link');
  link.innerHTML = '';
  if (result.callId) {
    const a = document.createElement('a');
    a.href = '/console/calls/' + encodeURIComponent(result.callId);
    a.textContent = 'timeline of this call';
    link.append(a);
  }
});
`;
