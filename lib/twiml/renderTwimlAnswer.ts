/**
 * A TwiML action made into the answer Kazoo runs: placeholders filled in value
 * by value (the writer escapes them, so no caller-supplied text becomes
 * markup), the result checked against Kazoo's subset again, `step:<name>`
 * replaced by that step's signed follow-up URL, served as application/xml.
 */
import type { FieldIssue } from '../errors';
import type { HttpAnswer } from '../http/httpAnswer';
import { mapTwimlValues, parseTwiml, serializeTwiml, type TwimlElement } from './twimlDocument';
import { checkTwimlSubset, STEP_REFERENCE } from './twimlSubset';

export type TwimlFill = {
  /** Fills one text or attribute value in (the route's placeholders). */
  fill: (value: string) => string;
  /** The signed URL that hands a request to one of the route's steps. */
  voiceUrlFor: (step: string) => string;
  allowLoopbackUrls: boolean;
};

export type FilledTwiml = { ok: true; body: string } | { ok: false; issues: FieldIssue[] };

/** Parsed templates, by text: a route's TwiML is parsed once, not on every call. */
const parsedTemplates = new Map<string, TwimlElement | undefined>();
const MAX_CACHED = 256;

function templateOf(twiml: string): TwimlElement | undefined {
  if (parsedTemplates.has(twiml)) return parsedTemplates.get(twiml);
  const parsed = parseTwiml(twiml);
  if (parsedTemplates.size >= MAX_CACHED) parsedTemplates.delete(parsedTemplates.keys().next().value!);
  const root = parsed.ok ? parsed.root : undefined;
  parsedTemplates.set(twiml, root);
  return root;
}

export function fillTwiml(twiml: string, fill: TwimlFill): FilledTwiml {
  const template = templateOf(twiml);
  if (!template) return { ok: false, issues: [{ path: '', message: 'is not TwiML Kazoo can read' }] };
  // Step references are the template's own, resolved before anything is filled in: a value that
  // fills in to `step:…` (a caller-chosen variable) is no step URL, and the check below refuses it.
  const filled = mapTwimlValues(template, (value, where) => {
    const step = isUrlPlace(where) ? STEP_REFERENCE.exec(value.trim()) : null;
    return step ? fill.voiceUrlFor(step[1]!) : fill.fill(value);
  });
  const issues = checkTwimlSubset(filled, { hasStep: () => false, allowLoopbackUrls: fill.allowLoopbackUrls });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, body: serializeTwiml(filled) };
}

/** Where a TwiML URL Kazoo requests next sits: an action attribute, a Redirect's text. */
function isUrlPlace(where: { element: TwimlElement; attribute?: string }): boolean {
  return where.attribute === 'action' || (where.attribute === undefined && where.element.name === 'Redirect');
}

/** The 200 Kazoo reads as TwiML (PIVOT-PROTOCOL.md: `application/xml` means TwiML only). */
export function twimlAnswer(body: string): HttpAnswer {
  return { statusCode: 200, headers: { 'Content-Type': 'application/xml', 'Cache-Control': 'no-store' }, body };
}
