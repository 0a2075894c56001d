import type { CallLog, CallTimeline } from './callLog';
import { html, htmlPage } from './htmlDocument';

export function recentCallsPage(log: CallLog): string {
  const calls = log.recent();
  const body = html`<h1>Recent calls</h1>
<section><p class="muted">The last ${calls.length} calls this server answered (newest first; at most 50 are kept, in memory only).</p>
${
  calls.length === 0
    ? html`<p>No calls yet. Place one from a route page or with <code>npm run call</code>.</p>`
    : html`<table id="calls"><tr><th>call</th><th>route</th><th>first request</th><th>requests</th><th>last answer</th></tr>
${calls.map((c) => {
  const last = c.entries[c.entries.length - 1]!;
  return html`<tr><td><a href="/console/calls/${encodeURIComponent(c.callId)}">${c.callId}</a></td><td>${c.routeId ?? ''}</td><td>${c.firstSeen}</td><td>${c.entries.length}</td><td>${last.outcome}: ${last.answer}</td></tr>`;
})}</table>`
}</section>`;
  return htmlPage('Recent calls — kazoo-pivot', body);
}

/** One call's requests in order: what came in, what decided, what went out, how long it took. */
export function callTimelinePage(call: CallTimeline): string {
  const total = call.entries.reduce((sum, e) => sum + e.latencyMs, 0);
  const body = html`<h1>Call <code>${call.callId}</code></h1>
<p>Route ${call.routeId ? html`<a href="/console/routes/${encodeURIComponent(call.routeId)}">${call.routeId}</a>` : '(none)'} ·
${call.entries.length} request${call.entries.length === 1 ? '' : 's'} · ${total.toFixed(1)} ms answering in all</p>
<section><table id="timeline"><tr><th>#</th><th>received</th><th>judged at</th><th>request</th><th>matched</th><th>answer</th><th>next step</th><th>latency</th></tr>
${call.entries.map(
  (e) => html`<tr class="entry" data-outcome="${e.outcome}"><td>${e.n}</td><td>${e.receivedAt.slice(11, 23)}</td><td>${e.judgedAt}</td>
<td>${e.method} ${e.step ? html`step <b>${e.step}</b> ${e.heardInput === undefined ? '' : e.heardInput ? '(input)' : '(no input)'}` : 'entry'}</td>
<td><code>${e.outcome}</code></td><td class="${e.status === 200 ? '' : 'bad'}">${e.status} ${e.answer}</td><td>${e.awaiting ?? ''}</td><td>${e.latencyMs.toFixed(1)} ms</td></tr>`,
)}</table>
${call.truncated ? html`<p class="muted">Later requests of this call were not kept (at most 40 per call).</p>` : ''}</section>`;
  return htmlPage(`Call ${call.callId} — kazoo-pivot`, body);
}
