import { wellFormedText } from '../wellFormedText';
import type { ParameterBudget } from './parameterBudget';

/**
 * Decodes one key or value of `application/x-www-form-urlencoded` text the way
 * Kazoo encodes it (`+` for space, `%XX` for every other byte).
 *
 * Lenient on purpose: a stray `%` or a broken UTF-8 sequence is kept as text
 * rather than failing the request, because a live call is better served by a
 * slightly odd value than by an error (Kazoo itself never sends either). Broken
 * UTF-8 (`%ED%A0%BD`, an encoded surrogate) decodes to U+FFFD, and so does a lone
 * surrogate in the text itself: the same replacement a JSON body gets.
 */
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeFormComponent(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return wellFormedText(spaced);
  try {
    return wellFormedText(decodeURIComponent(spaced));
  } catch {
    return wellFormedText(decodeLeniently(spaced));
  }
}

function decodeLeniently(text: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length > 0) out += utf8.decode(Uint8Array.from(bytes.splice(0)));
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out += ch;
  }
  flush();
  return out;
}

/**
 * Splits a query string or form body into decoded pairs, in order; empty `&&`
 * segments are skipped. Each pair is one parameter of `budget`, counted before
 * it is decoded.
 */
export function parseFormPairs(text: string, budget?: ParameterBudget): [string, string][] {
  const pairs: [string, string][] = [];
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawKey = eq === -1 ? segment : segment.slice(0, eq);
    if (rawKey === '') continue;
    budget?.take();
    const rawValue = eq === -1 ? '' : segment.slice(eq + 1);
    pairs.push([decodeFormComponent(rawKey), decodeFormComponent(rawValue)]);
  }
  return pairs;
}
