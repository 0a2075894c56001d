import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fillTwiml } from '../../../lib/twiml/renderTwimlAnswer';
import { find, expectKazooRunsTwiml, textOf, verbs } from '../../support/twimlAnswers';

const TEMPLATE =
  '<Response><Say>Hi {{Caller-ID-Name}}!</Say><Dial callerId="{{Caller-ID-Name}}">+12125550100</Dial><Redirect>step:menu</Redirect></Response>';

function fill(name: string) {
  return fillTwiml(TEMPLATE, {
    fill: (value) => value.replaceAll('{{Caller-ID-Name}}', name),
    voiceUrlFor: (step) => `https://pivot.example.com/pivot/main?token=t&step=${step}&sig=s`,
    allowLoopbackUrls: false,
  });
}

/** What XML can carry of a string: lone surrogates become U+FFFD, characters XML refuses become spaces. */
function carried(value: string): string {
  const wellFormed = (value as unknown as { toWellFormed(): string }).toWellFormed();
  const refused = (c: number) => (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) || c === 0xfffe || c === 0xffff;
  return [...wellFormed].map((ch) => (refused(ch.codePointAt(0)!) ? ' ' : ch)).join('');
}

describe('placeholders in TwiML', () => {
  it('whatever a caller name holds, the document keeps its verbs and the name arrives as text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        // Act
        const filled = fill(name);

        // Assess
        expect(filled.ok).toBe(true);
        const root = expectKazooRunsTwiml((filled as { body: string }).body);
        expect(verbs(root)).toEqual(['Say', 'Dial', 'Redirect']);
        expect(textOf(find(root, 'Say')!)).toBe(`Hi ${carried(name)}!`.trim());
        expect(find(root, 'Dial')!.attributes['callerId']).toBe(carried(name));
      }),
      { numRuns: 300 },
    );
  });

  it('a step URL goes out with its & escaped, and reads back whole', () => {
    // Act
    const filled = fill('Ada');

    // Assess
    const body = (filled as { body: string }).body;
    expect(body).toContain('<Redirect>https://pivot.example.com/pivot/main?token=t&amp;step=menu&amp;sig=s</Redirect>');
    expect(textOf(find(expectKazooRunsTwiml(body), 'Redirect')!)).toBe('https://pivot.example.com/pivot/main?token=t&step=menu&sig=s');
  });
});
