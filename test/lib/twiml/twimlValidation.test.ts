import { describe, expect, it } from '@jest/globals';
import { RouteValidationError } from '../../../lib/errors';
import { parseRoute } from '../../../lib/routes/parseRoute';

/** A route whose one rule answers this TwiML, and which has a `menu` step. */
function routeAnswering(twiml: string) {
  return {
    id: 'twiml-check',
    timezone: 'America/New_York',
    rules: [{ name: 'welcome', then: { twiml } }],
    steps: { menu: { prompt: { tts: 'Press 1.' }, options: [{ digits: '1', then: { module: 'hangup', data: {} } }] } },
  };
}

function refusal(twiml: string): string[] {
  try {
    parseRoute(routeAnswering(twiml));
  } catch (error) {
    if (error instanceof RouteValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('the route was accepted');
}

const AT = 'rules.0(welcome).then.twiml';

describe('TwiML Kazoo cannot run is refused when the route is validated', () => {
  it.each([
    ['<Queue>', '<Response><Dial><Queue>support</Queue></Dial></Response>', '/Response/Dial[1]/Queue[1]: Kazoo does not support <Queue>'],
    [
      'an unknown verb',
      '<Response><Enqueue>support</Enqueue></Response>',
      '/Response/Enqueue[1]: Kazoo has no TwiML verb <Enqueue>: an unknown verb ends the call',
    ],
    ['a misspelt verb, with a hint', '<Response><say>Hi</say></Response>', 'Did you mean <Say>?'],
    [
      'an unknown noun',
      '<Response><Dial><Client>bob</Client></Dial></Response>',
      '/Response/Dial[1]/Client[1]: Kazoo has no TwiML noun <Client>',
    ],
    [
      'a Pause over an hour',
      '<Response><Pause length="3601"/></Response>',
      '/Response/Pause[1]/@length: "3601" must be a whole number from 1 to 3600',
    ],
    ['a Pause of 0 s', '<Response><Pause length="0"/></Response>', '/Response/Pause[1]/@length: "0" must be a whole number from 1 to 3600'],
    [
      'a Say voice Kazoo lacks',
      '<Response><Say voice="alice">Hi</Say></Response>',
      '/Response/Say[1]/@voice: "alice" must be one of "man", "woman", "male", "female"',
    ],
    [
      'a Say language Kazoo lacks',
      '<Response><Say language="en-US">Hi</Say></Response>',
      '/Response/Say[1]/@language: "en-US" must be one of "en", "en-gb", "es", "fr", "de", "it"',
    ],
    ['a Reject reason Kazoo lacks', '<Response><Reject reason="declined"/></Response>', '/Response/Reject[1]/@reason'],
    ['content in a Hangup', '<Response><Hangup>now</Hangup></Response>', '/Response/Hangup[1]: must be empty'],
    [
      'a Dial verb inside a Gather',
      '<Response><Gather action="step:menu"><Dial>123</Dial></Gather></Response>',
      '/Response/Gather[1]/Dial[1]: cannot sit inside <Gather>',
    ],
    ['a Gather without an action', '<Response><Gather><Say>Press 1</Say></Gather></Response>', '/Response/Gather[1]: needs an action'],
    [
      'a step the route lacks',
      '<Response><Redirect>step:menuu</Redirect></Response>',
      '/Response/Redirect[1]: no step named "menuu" (did you mean "menu"?)',
    ],
    [
      'a relative action URL',
      '<Response><Gather action="/next"><Say>Hi</Say></Gather></Response>',
      'must be step:<name> (a step of this route) or an absolute http(s) URL',
    ],
    ['a loopback action URL', '<Response><Redirect>http://127.0.0.1/x</Redirect></Response>', 'points at a loopback host'],
    ['a non-numeric numDigits', '<Response><Gather action="step:menu" numDigits="one"/></Response>', '/Response/Gather[1]/@numDigits'],
    [
      'an attribute Kazoo does not read',
      '<Response><Gather action="step:menu" numdigits="1"/></Response>',
      '/Response/Gather[1]/@numdigits: is not an attribute Kazoo reads on <Gather> (did you mean "numDigits"?)',
    ],
    [
      'a Twilio attribute Kazoo ignores',
      '<Response><Say statusCallback="https://x.example.com">Hi</Say></Response>',
      '/Response/Say[1]/@statusCallback: is not an attribute Kazoo reads on <Say> (it reads voice, language, loop, engine, terminators)',
    ],
    [
      'a Variable named like our own URL parameters',
      '<Response><Set><Variable key="token" value="x"/></Set></Response>',
      '/Response/Set[1]/Variable[1]/@key: "token" is a parameter of this service',
    ],
    ['a Dial with nothing to dial', '<Response><Dial>nobody</Dial></Response>', '/Response/Dial[1]: "nobody" has no digits to dial'],
    [
      'a Device that is no Kazoo id',
      '<Response><Dial><Device>front-desk</Device></Dial></Response>',
      'must be a Kazoo id (32 hex characters)',
    ],
    ['a root other than Response', '<Say>Hi</Say>', 'has the root <Say>; Kazoo runs only a <Response>'],
    ['XML that is not well-formed, with line and column', '<Response>\n<Say>Hi</Response>', 'is not well-formed XML at line 2'],
    ['entity declarations', '<!DOCTYPE r [<!ENTITY a "b">]><Response/>', 'must not hold a <!DOCTYPE>'],
    [
      'an HTML entity XML does not know',
      '<Response><Say>Tom&nbsp;and Jerry</Say></Response>',
      'line 1, column 19: "&nbsp;" is not an XML entity',
    ],
    ['a bare ampersand', '<Response><Say>Tom & Jerry</Say></Response>', 'is not well-formed XML'],
    ['a reference to a character XML cannot carry', '<Response><Say>bell&#7;</Say></Response>', '"&#7;" is not an XML entity'],
    [
      'elements nested far deeper than TwiML goes',
      `<Response>${'<Say>'.repeat(5000)}${'</Say>'.repeat(5000)}</Response>`,
      'cannot be read',
    ],
    [
      'elements nested deeper than 8 levels',
      `<Response>${'<Say>'.repeat(8)}${'</Say>'.repeat(8)}</Response>`,
      'elements nest deeper than 8 levels',
    ],
    ['an unknown placeholder', '<Response><Say>{{Caller-Name}}</Say></Response>', 'unknown placeholder {{Caller-Name}}'],
  ])('%s', (_case, twiml, expected) => {
    // Act
    const issues = refusal(twiml);

    // Assess
    expect(issues.some((issue) => issue.startsWith(`${AT}: `) && issue.includes(expected))).toBe(true);
  });

  it('accepts every verb and noun of the subset', () => {
    // Prepare
    const twiml = `<Response>
      <Say voice="man" language="en-gb" loop="2">Hello {{Caller-ID-Name}}</Say>
      <Play loop="0">https://media.example.com/hold.mp3</Play>
      <Pause length="3600"/>
      <Set><Variable key="tier" value="gold"/></Set>
      <Gather action="step:menu" method="POST" timeout="5" finishOnKey="#" numDigits="4"><Say>PIN?</Say><Pause length="1"/></Gather>
      <Record action="https://recordings.example.com/done" maxLength="60" playBeep="true" finishOnKey="#"/>
      <Dial timeout="20" callerId="+14155550100">+1 (212) 555-0100</Dial>
      <Dial strategy="single"><Number sendDigits="12">+12125550101</Number><User>f0e1d2c3b4a5968778695a4b3c2d1e0f</User><Device>a3f1c2d4e5f60718293a4b5c6d7e8f90</Device><Sip>sip:desk@pbx.example.com</Sip></Dial>
      <Dial><Conference startConferenceOnEnter="false" maxParticipants="10">standup</Conference></Dial>
      <Redirect method="GET">https://ivr.example.com/next</Redirect>
      <Reject reason="busy"/>
      <Hangup/>
    </Response>`;

    // Act
    const route = parseRoute(routeAnswering(twiml));

    // Assess
    expect(route.rules[0]!.then).toEqual({ twiml });
  });

  it('a callflow key beside twiml is named as misplaced, not unknown', () => {
    // Act
    const refused = () =>
      parseRoute({ id: 'mixed', timezone: 'UTC', rules: [{ then: { twiml: '<Response><Hangup/></Response>', module: 'hangup' } }] });

    // Assess
    expect(refused).toThrow('rules.0.then: "module" cannot go with the other keys here');
  });

  it('judges a placeholder value once it is filled in, not before', () => {
    // Act
    const route = () => parseRoute(routeAnswering('<Response><Pause length="{{digits.menu}}"/><Dial>{{vars.desk}}</Dial></Response>'));

    // Assess
    expect(route).not.toThrow();
  });
});
