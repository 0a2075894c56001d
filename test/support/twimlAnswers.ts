/**
 * Reading a TwiML answer back the way Kazoo's kzt_twiml would, for tests: the
 * parsed tree, and every way it strays from the subset Kazoo runs.
 */
import { expect } from '@jest/globals';
import { elementsOf, parseTwiml, textOf, type TwimlElement } from '../../lib/twiml/twimlDocument';
import { checkTwimlSubset } from '../../lib/twiml/twimlSubset';

/** Parses an answer body and fails the test unless Kazoo runs every verb of it. */
export function expectKazooRunsTwiml(body: string, options: { allowLoopbackUrls?: boolean } = {}): TwimlElement {
  const parsed = parseTwiml(body);
  if (!parsed.ok) throw new Error(`not TwiML Kazoo reads: ${parsed.issue.message}`);
  // Sent answers hold no step: references any more, only URLs.
  const issues = checkTwimlSubset(parsed.root, {
    hasStep: () => false,
    allowLoopbackUrls: options.allowLoopbackUrls ?? false,
  });
  expect(issues).toEqual([]);
  return parsed.root;
}

/** The verbs of a document in order, nested Gather verbs inside brackets: `Gather[Say]`. */
export function verbs(root: TwimlElement): string[] {
  return elementsOf(root).map((v) =>
    v.name === 'Gather'
      ? `Gather[${elementsOf(v)
          .map((n) => n.name)
          .join(',')}]`
      : v.name,
  );
}

/** The first element with this name, depth first. */
export function find(root: TwimlElement, name: string): TwimlElement | undefined {
  for (const child of elementsOf(root)) {
    if (child.name === name) return child;
    const inner = find(child, name);
    if (inner) return inner;
  }
  return undefined;
}

export { textOf };
