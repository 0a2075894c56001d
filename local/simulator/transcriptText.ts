import type { KazooParams } from '../../lib/request/encodeKazooParams';
import type { Transcript, TranscriptEvent } from './transcript';

/** The transcript as a person reads it: one line per request, answer and callflow step. */
export function transcriptText(t: Transcript): string {
  const lines = [`Call ${t.callId} → ${t.voiceUrl}${t.clock ? `  at ${t.clock} (x-pivot-clock; only the local server honours it)` : ''}`];
  for (const event of t.events) lines.push(...eventLines(event, t));
  return lines.join('\n');
}

function eventLines(e: TranscriptEvent, t: Transcript): string[] {
  switch (e.type) {
    case 'request': {
      const extra = [
        ...bracketed('Digits', e.params['Digits']),
        ...bracketed('Custom-Application-Vars', e.params['Custom-Application-Vars']),
      ];
      const how = `${e.format}${e.body ? `, ${e.body}` : ''}`;
      return [`→ ${e.n}  ${e.method} ${e.url}  (${how})${extra.length ? `  ${extra.join(' ')}` : ''}`];
    }
    case 'answer': {
      const head = `← ${e.n}  ${e.status ?? 'no answer'}${e.contentType ? ` ${e.contentType}` : ''}`;
      const lines = [e.problem ? `${head}: ${e.problem}` : head];
      if (e.decidedBy) lines.push(`     answered by ${e.decidedBy}`);
      if (e.note) lines.push(`     note: ${e.note}`);
      if (e.verdict !== 'callflow') lines.push(`     ${e.kazoo}`);
      return lines;
    }
    case 'action':
      return e.answered === undefined ? [`     ${e.text}`] : [`     ${e.text}`, `     ${e.answered ? 'answered' : 'no answer'}`];
    case 'end': {
      const verdict = t.failed ? '  ✗ the call would fail' : '';
      const failovers = t.failovers ? `, ${t.failovers} failover${t.failovers === 1 ? '' : 's'} through _` : '';
      const silence = t.silenceMs ? `, ${t.silenceMs / 1000} s of silence` : '';
      return [`■ ${e.text} (${t.requests} request${t.requests === 1 ? '' : 's'}${failovers}${silence})${verdict}`];
    }
  }
}

function bracketed(name: string, value: KazooParams[string]): string[] {
  // A TwiML <Gather>'s digits arrive as one plain string.
  if (typeof value === 'string' && value !== '') return [`${name}=${value}`];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).map(([k, v]) => `${name}[${k}]=${typeof v === 'string' ? v : JSON.stringify(v)}`);
}
