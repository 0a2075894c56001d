/**
 * What Kazoo's TwiML interpreter (kzt_twiml, kzt_twiml_dial, kzt_twiml_util)
 * can run. It stops the call at the first thing it cannot: an unknown verb or
 * noun, an attribute value its case clauses do not cover (a `Say` voice it
 * lacks, a `Pause` of 0 s, a non-numeric `numDigits`), content inside `Hangup`,
 * `Pause` or `Record`. So every such thing is refused when the route is
 * validated, naming the element (`/Response/Gather[2]/@numDigits`), and checked
 * again on every answer once placeholders are filled in.
 */
import { closestName, didYouMean } from '../didYouMean';
import type { FieldIssue } from '../errors';
import { CONTROL_PARAMETERS } from '../request/pivotParameterNames';
import { isLoopbackHost } from '../callflow/modules/reachableUrl';
import { elementsOf, isBlank, textOf, type TwimlElement } from './twimlDocument';

export type TwimlCheck = {
  /** Whether `step:<name>` names a step of the route. */
  hasStep: (name: string) => boolean;
  /** The route's step names, for a "did you mean" when one is misspelt. */
  stepNames?: readonly string[];
  /** Kazoo refuses loopback targets; only the local runtime lifts that. */
  allowLoopbackUrls: boolean;
  /** Values judged only once filled in (at validation time: those holding a {{placeholder}}). */
  templated?: (value: string) => boolean;
};

/** Where an action URL may point: a step of this route, or another TwiML application. */
export const STEP_REFERENCE = /^step:(.*)$/;

/** Kazoo's `?ANY_DIGIT`. */
const KEYS = /^[0-9*#]$/;
const KEY_LIST = /^[0-9*#]+$/;
/** The Say voices (kzt_twiml_util:get_voice) and languages (get_lang) Kazoo maps; any other value crashes the verb. */
export const SAY_VOICES = ['man', 'woman', 'male', 'female'] as const;
export const SAY_LANGUAGES = ['en', 'en-gb', 'es', 'fr', 'de', 'it'] as const;
/** pivot's tts_texts_size default (?TTS_SIZE_LIMIT): Kazoo cuts longer text. */
export const SAY_MAX_CHARS = 4000;
export const PAUSE_MAX_SECONDS = 3600;

type Rule = (value: string) => string | undefined;

const any: Rule = () => undefined;
const oneOf =
  (...allowed: readonly string[]): Rule =>
  (value) =>
    allowed.includes(value) ? undefined : `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`;
const wholeNumber =
  (min: number, max = Number.POSITIVE_INFINITY): Rule =>
  (value) =>
    /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `must be a whole number ${Number.isFinite(max) ? `from ${min} to ${max}` : `of at least ${min}`}`;
const boolean: Rule = oneOf('true', 'false');
const method: Rule = (value) => (/^(get|post)$/i.test(value) ? undefined : 'must be GET or POST');
const key: Rule = (value) => (KEYS.test(value) ? undefined : 'must be one key: 0-9, * or #');
const keys: Rule = (value) => (KEY_LIST.test(value) ? undefined : 'must be keys from 0-9, * and #');
const finishKey: Rule = (value) => (value === '' || KEYS.test(value) ? undefined : 'must be one key (0-9, * or #) or empty');
const timeout = wholeNumber(1, 3600);
/** Marks the attributes holding a URL Kazoo will request next; checked by actionUrl with the route in hand. */
const URL_RULE: Rule = () => undefined;

type Content = 'text' | 'empty' | 'url' | 'nested-verbs' | 'variables' | 'dial';
type VerbSpec = { content: Content; attributes: Record<string, Rule>; requiredText?: string };

const VERBS: Record<string, VerbSpec> = {
  Say: {
    content: 'text',
    requiredText: 'the text to speak',
    attributes: { voice: oneOf(...SAY_VOICES), language: oneOf(...SAY_LANGUAGES), loop: wholeNumber(0), engine: any, terminators: keys },
  },
  Play: { content: 'text', requiredText: 'a media URL or id', attributes: { loop: wholeNumber(0), terminators: keys } },
  Pause: { content: 'empty', attributes: { length: wholeNumber(1, PAUSE_MAX_SECONDS) } },
  Hangup: { content: 'empty', attributes: {} },
  Reject: { content: 'empty', attributes: { reason: oneOf('rejected', 'busy'), prompt: any } },
  Record: {
    content: 'empty',
    attributes: {
      action: URL_RULE,
      method,
      timeout,
      finishOnKey: keys,
      maxLength: wholeNumber(1, 3600),
      playBeep: boolean,
      recordingUrl: any,
    },
  },
  Gather: {
    content: 'nested-verbs',
    attributes: { action: URL_RULE, method, timeout, finishOnKey: finishKey, numDigits: wholeNumber(1, 64) },
  },
  Redirect: { content: 'url', attributes: { method } },
  Set: { content: 'variables', attributes: {} },
  Dial: {
    content: 'dial',
    attributes: {
      action: URL_RULE,
      method,
      timeout: wholeNumber(1),
      timeLimit: wholeNumber(1),
      callerId: any,
      hangupOnStar: boolean,
      hangupOn: key,
      record: boolean,
      strategy: oneOf('simultaneous', 'single'),
      continueOnFail: boolean,
    },
  },
};

/** What Kazoo runs inside a Gather while it waits (the Twilio nesting; Kazoo stops them at the first key). */
const GATHER_NESTED = new Set(['Say', 'Play', 'Pause']);

const NOUNS: Record<string, VerbSpec> = {
  Number: { content: 'text', requiredText: 'a phone number', attributes: { sendDigits: keys, url: any, method } },
  User: { content: 'text', requiredText: 'a user id', attributes: {} },
  Device: { content: 'text', requiredText: 'a device id', attributes: {} },
  Sip: { content: 'text', requiredText: 'a SIP URI', attributes: {} },
  Conference: {
    content: 'text',
    requiredText: 'a conference name',
    attributes: {
      startConferenceOnEnter: boolean,
      endConferenceOnExit: boolean,
      muted: boolean,
      deaf: boolean,
      beep: boolean,
      // kzt_twiml_dial:get_max_participants has clauses for 3..40 only.
      maxParticipants: wholeNumber(3, 40),
      waitUrl: any,
      method,
      announceCount: wholeNumber(0),
      callerControls: any,
      moderatorControls: any,
      callerIdName: any,
      callerIdNumber: any,
      comfortNoise: wholeNumber(0),
      energyLevel: wholeNumber(0),
      interval: wholeNumber(0),
      rate: wholeNumber(8000, 48000),
      voice: oneOf(...SAY_VOICES),
    },
  },
};

export const SUPPORTED_VERBS = Object.keys(VERBS);
export const SUPPORTED_NOUNS = Object.keys(NOUNS);

/** Every way the document strays from what Kazoo runs; empty when Kazoo runs all of it. */
export function checkTwimlSubset(root: TwimlElement, check: TwimlCheck): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (where: string, message: string) => issues.push({ path: where, message });
  for (const child of root.children) if (child.kind === 'text' && !isBlank(child)) at('/Response', 'holds text outside any verb');
  for (const [where, verb] of located(root, '/Response')) checkVerb(verb, where, check, at, VERBS);
  return issues;
}

type Report = (where: string, message: string) => void;

/** Each element child with its XPath-like location, counted per name as XPath does. */
function located(parent: TwimlElement, base: string): [string, TwimlElement][] {
  const seen = new Map<string, number>();
  return elementsOf(parent).map((element) => {
    const n = (seen.get(element.name) ?? 0) + 1;
    seen.set(element.name, n);
    return [`${base}/${element.name}[${n}]`, element];
  });
}

function checkVerb(verb: TwimlElement, where: string, check: TwimlCheck, at: Report, specs: Record<string, VerbSpec>): void {
  const spec = Object.hasOwn(specs, verb.name) ? specs[verb.name] : undefined;
  if (!spec) {
    at(where, unknownMessage(verb.name, specs === NOUNS ? 'noun' : 'verb', Object.keys(specs)));
    return;
  }
  checkAttributes(verb, where, spec.attributes, check, at);
  // Without one, Kazoo requests the URL it is on again: the route's entry, not a step.
  if ((verb.name === 'Gather' || verb.name === 'Record') && verb.attributes['action'] === undefined) {
    at(where, 'needs an action: step:<name> (a step of this route) or an absolute http(s) URL');
  }
  const text = textOf(verb);
  const elements = located(verb, where);
  switch (spec.content) {
    case 'empty':
      if (text !== '' || elements.length > 0) at(where, `must be empty: Kazoo does not run a <${verb.name}> with content`);
      return;
    case 'text':
      if (elements.length > 0) at(where, `must hold text only, not <${elements[0]![1].name}>`);
      if (text === '') at(where, `needs ${spec.requiredText}`);
      else checkNounText(verb.name, text, where, check, at);
      return;
    case 'url':
      if (elements.length > 0) at(where, `must hold a URL only, not <${elements[0]![1].name}>`);
      checkUrl(text, where, check, at);
      return;
    case 'nested-verbs':
      if (text !== '') at(where, 'holds text outside any verb: put it in a <Say>');
      for (const [place, nested] of elements) {
        if (GATHER_NESTED.has(nested.name)) checkVerb(nested, place, check, at, VERBS);
        else at(place, `cannot sit inside <Gather>: only <Say>, <Play> and <Pause> do`);
      }
      return;
    case 'variables':
      if (text !== '') at(where, 'holds text: a <Set> holds <Variable key="…" value="…"/> elements');
      for (const [place, variable] of elements) checkVariable(variable, place, check, at);
      return;
    case 'dial':
      checkDial(text, elements, where, check, at);
      return;
  }
}

function checkAttributes(element: TwimlElement, where: string, rules: Record<string, Rule>, check: TwimlCheck, at: Report): void {
  for (const [name, value] of Object.entries(element.attributes)) {
    const place = `${where}/@${name}`;
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) {
      const known = Object.keys(rules);
      const near = closestName(name, known);
      const hint = near ? ` (did you mean "${near}"?)` : known.length ? ` (it reads ${known.join(', ')})` : '';
      at(place, `is not an attribute Kazoo reads on <${element.name}>${hint}`);
      continue;
    }
    if (rule === URL_RULE) {
      checkUrl(value, place, check, at);
      continue;
    }
    if (check.templated?.(value)) continue;
    const problem = rule(value);
    if (problem) at(place, `"${value}" ${problem}`);
  }
}

/** An action URL: `step:<name>` of this route, or an absolute http(s) URL (Kazoo's relative resolution drops our query string). */
function checkUrl(value: string, where: string, check: TwimlCheck, at: Report): void {
  const step = STEP_REFERENCE.exec(value);
  if (step) {
    if (!check.hasStep(step[1]!)) at(where, `no step named "${step[1]}"${didYouMean(step[1]!, check.stepNames ?? [])}`);
    return;
  }
  if (check.templated?.(value)) return;
  if (value === '') {
    at(where, 'needs a URL: step:<name> or an absolute http(s) URL');
    return;
  }
  let url: URL | undefined;
  try {
    url = /^https?:\/\//.test(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) at(where, `"${value}" must be step:<name> (a step of this route) or an absolute http(s) URL`);
  else if (!check.allowLoopbackUrls && isLoopbackHost(url.hostname)) at(where, `"${value}" points at a loopback host (Kazoo refuses it)`);
}

const HEX_ID = /^[0-9a-f]{32}$/;

function checkNounText(name: string, text: string, where: string, check: TwimlCheck, at: Report): void {
  if (check.templated?.(text)) return;
  if (name === 'Say' && [...text].length > SAY_MAX_CHARS) at(where, `is longer than ${SAY_MAX_CHARS} characters (Kazoo cuts it)`);
  if (name === 'Number' && !/\d/.test(text)) at(where, `"${text}" has no digits to dial`);
  if ((name === 'User' || name === 'Device') && !HEX_ID.test(text)) at(where, `"${text}" must be a Kazoo id (32 hex characters)`);
  if (name === 'Sip' && !/^sips?:[^@\s]+@?\S*$/i.test(text)) at(where, `"${text}" must be a SIP URI (sip:user@host)`);
}

function checkDial(text: string, nouns: [string, TwimlElement][], where: string, check: TwimlCheck, at: Report): void {
  if (text !== '' && nouns.length > 0) {
    at(where, 'holds both a plain number and nouns: Kazoo dials only the number');
    return;
  }
  if (text !== '') {
    if (!check.templated?.(text) && !/\d/.test(text)) at(where, `"${text}" has no digits to dial`);
    return;
  }
  if (nouns.length === 0) at(where, 'needs a number or a <Number>, <User>, <Device>, <Sip> or <Conference>');
  for (const [place, noun] of nouns) {
    if (noun.name === 'Queue') at(place, 'Kazoo does not support <Queue> (it stops the call): use a callflow with acdc_member instead');
    else if (noun.name === 'Conference' && nouns.length > 1) at(place, 'must be the only noun of its <Dial>');
    else checkVerb(noun, place, check, at, NOUNS);
  }
}

function checkVariable(variable: TwimlElement, where: string, check: TwimlCheck, at: Report): void {
  if (variable.name !== 'Variable') {
    at(where, `cannot sit inside <Set>: only <Variable key="…" value="…"/> does`);
    return;
  }
  checkAttributes(variable, where, { key: any, value: any }, check, at);
  const name = variable.attributes['key'];
  if (name === undefined || name === '') at(where, 'needs a key');
  else if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) at(`${where}/@key`, `"${name}" must be letters, digits, - and _ (at most 64)`);
  else if ((Object.values(CONTROL_PARAMETERS) as string[]).includes(name)) {
    at(`${where}/@key`, `"${name}" is a parameter of this service's own URLs; choose another name`);
  }
  if (variable.attributes['value'] === undefined) at(where, 'needs a value');
}

function unknownMessage(name: string, kind: 'verb' | 'noun', known: string[]): string {
  if (name === 'Queue') return 'Kazoo does not support <Queue> (it stops the call): use a callflow with acdc_member instead';
  const near = closestName(name, known);
  const hint = near ? ` Did you mean <${near}>?` : ` Kazoo runs ${known.map((k) => `<${k}>`).join(', ')}.`;
  return `Kazoo has no TwiML ${kind} <${name}>: an unknown ${kind} ends the call.${hint}`;
}
