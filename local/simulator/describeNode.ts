/** One line of plain words per callflow node, for the printed transcript. */
import { maskToken } from './transcript';

type Data = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Kazoo ids are 32 hex characters; four are enough to tell them apart on screen. */
export function shortId(id: unknown): string {
  const s = text(id);
  return /^[0-9a-f]{32}$/i.test(s) ? `${s.slice(0, 4)}…` : s || '?';
}

function quoted(value: unknown, max = 90): string {
  const s = text(value);
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

function seconds(data: Data): string {
  return typeof data['timeout'] === 'number' ? ` (${data['timeout']} s)` : '';
}

function endpoint(e: unknown): string {
  const o = (e ?? {}) as Data;
  const delay = typeof o['delay'] === 'number' && o['delay'] > 0 ? ` (after ${o['delay']} s)` : '';
  return `${text(o['endpoint_type']) || 'device'} ${shortId(o['id'])}${delay}`;
}

function ringGroup(kind: string, data: Data): string {
  const name = data['name'] ? ` ${quoted(data['name'])}` : '';
  const details = [text(data['strategy']), typeof data['timeout'] === 'number' ? `${data['timeout']} s` : ''].filter(Boolean).join(', ');
  const endpoints = Array.isArray(data['endpoints']) ? data['endpoints'].map(endpoint).join(', ') : '';
  return `ring ${kind}${name}${details ? ` (${details})` : ''}: ${endpoints}`;
}

const DESCRIBE: Record<string, (data: Data) => string> = {
  tts: (d) => `say ${quoted(d['text'])}`,
  play: (d) => `play ${shortId(d['id'])}`,
  device: (d) => `ring device ${shortId(d['id'])}${seconds(d)}`,
  user: (d) => `ring user ${shortId(d['id'])}${seconds(d)}`,
  group: (d) => `ring group ${shortId(d['id'])}${seconds(d)}`,
  ring_group: (d) => ringGroup('group', d),
  page_group: (d) => ringGroup('page group', d),
  resources: (d) =>
    `dial ${text(d['to_did']) || 'the dialed number'} via ${d['use_local_resources'] === false ? 'global' : 'local'} carriers`,
  voicemail: (d) => `voicemail ${shortId(d['id'])}`,
  hangup: () => 'hang up',
  response: (d) => `respond ${text(d['code'])}${d['message'] ? ` ${quoted(d['message'])}` : ''}`,
  manual_presence: (d) => `presence ${text(d['presence_id'])} → ${text(d['status']) || 'idle'}`,
  set_cid: (d) =>
    `caller ID → ${[d['caller_id_name'] ? quoted(d['caller_id_name']) : '', text(d['caller_id_number'])].filter(Boolean).join(' ')}`,
  set_variables: (d) =>
    `set variables ${Object.entries((d['custom_application_vars'] ?? {}) as Data)
      .map(([k, v]) => `${k}=${text(v)}`)
      .join(', ')}`,
  flush_dtmf: () => 'flush collected digits',
  language: (d) => `language → ${text(d['language'])}`,
  sleep: (d) => `wait ${text(d['duration']) || '?'} ${text(d['unit']) || 's'}`,
  conference: (d) => `join conference ${shortId(d['id'])}`,
  callflow: (d) => `continue in callflow ${shortId(d['id'])}`,
  pivot: (d) =>
    `pivot ${text(d['method']).toUpperCase() || 'GET'} ${maskToken(text(d['voice_url']))} (${text(d['req_format']) || 'kazoo'}${
      text(d['method']).toLowerCase() === 'post' ? `, ${text(d['req_body_format']) || 'form'}` : ''
    })`,
};

export function describeNode(module: string, data: Data): string {
  const describe = DESCRIBE[module];
  if (describe) return describe(data);
  const json = JSON.stringify(data);
  return `${module} ${json.length > 80 ? `${json.slice(0, 79)}…` : json}`;
}
