/**
 * A TwiML document as a small tree: elements with attributes, and text. Routes
 * hold TwiML as text; it is parsed into this tree, checked (twimlSubset.ts),
 * filled in (placeholders, step URLs) value by value, and written back out by
 * serializeTwiml, which escapes every text and attribute. So a caller name
 * holding `<`, `&` or quotes can never change the document's structure.
 */
import { createRequire as requireResolvingFrom } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';
import type { FieldIssue } from '../errors';
import { wellFormedText } from '../wellFormedText';

export type TwimlText = { kind: 'text'; text: string };
export type TwimlElement = { kind: 'element'; name: string; attributes: Record<string, string>; children: TwimlNode[] };
export type TwimlNode = TwimlElement | TwimlText;

export type TwimlParse = { ok: true; root: TwimlElement } | { ok: false; issue: FieldIssue };

/** The size of the TwiML a route may hold: far more than any real answer, small enough to parse on every call. */
export const MAX_TWIML_CHARS = 64 * 1024;

/**
 * fast-xml-parser ships beside the bundle (infra/PivotFunction.ts, LAZY_MODULES)
 * and is loaded by the first TwiML document a process reads: a cold start of a
 * route without TwiML neither parses nor runs it. Loaded with `require`, not
 * `import()`, because routes are validated synchronously.
 */
const requireOnFirstUse = requireResolvingFrom(import.meta.url);
let xml: { validator: typeof FastXmlParser.XMLValidator; parser: FastXmlParser.XMLParser } | undefined;

function xmlLibrary(): NonNullable<typeof xml> {
  if (xml) return xml;
  const { XMLParser, XMLValidator } = requireOnFirstUse('fast-xml-parser') as typeof FastXmlParser;
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    // Numeric character references (&#10;); named ones beyond XML's five are refused before parsing.
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  xml = { validator: XMLValidator, parser };
  return xml;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

/** Parses TwiML text; a syntax error is reported with its line and column. */
export function parseTwiml(text: string): TwimlParse {
  if (text.length > MAX_TWIML_CHARS) return refused(`is longer than ${MAX_TWIML_CHARS} characters`);
  // Kazoo's xmerl would expand entity declarations; we accept none (no billion laughs, no surprises).
  if (/<!DOCTYPE/i.test(text)) return refused('must not hold a <!DOCTYPE> (entity declarations are refused)');
  const { validator, parser } = xmlLibrary();
  const syntax = validator.validate(text);
  if (syntax !== true) return refused(`is not well-formed XML at line ${syntax.err.line}, column ${syntax.err.col}: ${syntax.err.msg}`);
  const entity = unknownEntity(text);
  if (entity) return refused(entity);
  let tops: TwimlNode[];
  try {
    tops = (parser.parse(text) as OrderedNode[]).map((node) => toNode(node, 1)).filter((node) => !isBlank(node));
  } catch (error) {
    // The parser's own limits (nesting, entity expansion) and our depth limit.
    return refused(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [root] = tops;
  if (tops.length !== 1 || root?.kind !== 'element') return refused('must have exactly one root element, <Response>');
  if (root.name !== 'Response') return refused(`has the root <${root.name}>; Kazoo runs only a <Response>`);
  return { ok: true, root };
}

/**
 * XML knows five named entities; `&nbsp;` and the like make Kazoo's parser fail
 * (and the call end) though a lenient validator lets them through. A numeric
 * reference must name a character XML can carry.
 */
function unknownEntity(text: string): string | undefined {
  // CDATA holds raw `&`: blanked out, same length, so positions stay right.
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, (cdata) => cdata.replace(/[^\n]/g, ' '));
  for (const m of outsideCdata.matchAll(/&([^;\s<&]*);?/g)) {
    const ref = m[1]!;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
      ? Number.parseInt(ref.slice(2), 16)
      : /^#\d{1,7}$/.test(ref)
        ? Number(ref.slice(1))
        : undefined;
    const known = m[0].endsWith(';') && (['amp', 'lt', 'gt', 'quot', 'apos'].includes(ref) || (code !== undefined && isXmlChar(code)));
    if (known) continue;
    const before = outsideCdata.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index! - before.lastIndexOf('\n');
    return `is not well-formed XML at line ${line}, column ${column}: "${m[0]}" is not an XML entity (write & as &amp;)`;
  }
  return undefined;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function refused(message: string): TwimlParse {
  return { ok: false, issue: { path: '', message } };
}

/** Response › Dial › Number is as deep as TwiML goes; far deeper is no TwiML, and must not exhaust the stack. */
export const MAX_TWIML_DEPTH = 8;

function toNode(raw: OrderedNode, depth: number): TwimlNode {
  const name = Object.keys(raw).find((key) => key !== ':@')!;
  if (name === '#text') return { kind: 'text', text: String(raw[name]) };
  if (depth > MAX_TWIML_DEPTH) throw new Error(`elements nest deeper than ${MAX_TWIML_DEPTH} levels`);
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw[':@'] ?? {})) attributes[key] = String(value);
  const children = ((raw[name] as OrderedNode[] | undefined) ?? []).map((child) => toNode(child, depth + 1));
  return { kind: 'element', name, attributes, children };
}

export function isBlank(node: TwimlNode): boolean {
  return node.kind === 'text' && node.text.trim() === '';
}

/** The element children of an element, whitespace-only text left out. */
export function elementsOf(element: TwimlElement): TwimlElement[] {
  return element.children.filter((child): child is TwimlElement => child.kind === 'element');
}

/** The element's own text (what Kazoo's kz_xml:texts_to_binary reads), trimmed. */
export function textOf(element: TwimlElement): string {
  return element.children
    .filter((child): child is TwimlText => child.kind === 'text')
    .map((child) => child.text)
    .join('')
    .trim();
}

/** A copy with every text and attribute value passed through `fill` (placeholders, step URLs). */
export function mapTwimlValues(
  element: TwimlElement,
  fill: (value: string, where: { element: TwimlElement; attribute?: string }) => string,
): TwimlElement {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attributes)) attributes[key] = fill(value, { element, attribute: key });
  const children = element.children.map(
    (child): TwimlNode => (child.kind === 'text' ? { kind: 'text', text: fill(child.text, { element }) } : mapTwimlValues(child, fill)),
  );
  return { ...element, attributes, children };
}

/** The document as Kazoo receives it: an XML declaration and the tree, every value escaped. */
export function serializeTwiml(root: TwimlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeElement(root)}`;
}

function writeElement(element: TwimlElement): string {
  const attributes = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  if (element.children.length === 0) return `<${element.name}${attributes}/>`;
  const inner = element.children.map((child) => (child.kind === 'text' ? escapeText(child.text) : writeElement(child))).join('');
  return `<${element.name}${attributes}>${inner}</${element.name}>`;
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab, CR and LF; U+FFFE,
 * U+FFFF) would make Kazoo's parser fail, and a failed parse ends the call: they
 * become spaces. Lone surrogates become U+FFFD (wellFormedText).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML refuses.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text content: markup characters escaped; a CR kept as a reference (a parser turns a bare one into LF). */
export function escapeText(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value: also quotes, and tab, LF and CR as references (a parser turns bare ones into spaces). */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function xmlChars(value: string): string {
  return wellFormedText(value).replace(NOT_XML_CHAR, ' ');
}
