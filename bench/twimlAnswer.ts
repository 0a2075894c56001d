import { renderPivotAnswer } from '../lib/callflow/renderPivotAnswer';
import { normalizePivotRequest } from '../lib/request/normalizePivotRequest';
import { parseRoute } from '../lib/routes/parseRoute';
import { decideEntry } from '../lib/rules/decideAnswer';
import { pivotBackFor } from '../lib/rules/pivotBack';
import { twimlAnswer } from '../lib/twiml/renderTwimlAnswer';
import { httpRequestFrom } from '../test/fixtures/apiGatewayEvents';
import { benchFollowUps, entryEvent, median, timeBox } from './benchSupport';
import { type Figure, figure } from './report';

const ROUNDS = 20;
const ANSWERS_PER_ROUND = 2_000;
const TIME_LIMIT_MS = 8_000;
const MENU = {
  prompt: { tts: 'For opening hours, press 1. For the front desk, press 2.' },
  options: [{ digits: '1', then: { module: 'hangup', data: {} } }],
};

/**
 * What a TwiML answer costs against the callflow answer it replaces: the same
 * IVR start (greet the caller by name, collect a key for the `menu` step,
 * pivot back to it) decided and rendered, once as TwiML (placeholders filled
 * into the parsed template, the subset checked again, the XML written) and
 * once as the step prompt callflow (rendered and checked against the module
 * schemas). Both run interleaved in one process; the ratio is what follows the
 * code. No goal: the issue sets none.
 */
export function measureTwimlAnswer(): Figure[] {
  const twimlRoute = parseRoute({
    id: 'bench-twiml',
    timezone: 'America/New_York',
    rules: [
      {
        then: {
          twiml:
            '<Response><Gather action="step:menu" numDigits="1"><Say voice="woman" language="en">Hello {{Caller-ID-Name}}. For opening hours, press 1. For the front desk, press 2.</Say></Gather><Redirect>step:menu</Redirect></Response>',
        },
      },
    ],
    steps: { menu: MENU },
  });
  const callflowRoute = parseRoute({
    id: 'bench-callflow',
    timezone: 'America/New_York',
    rules: [{ then: { goto: 'menu' } }],
    steps: { menu: MENU },
  });
  const request = normalizePivotRequest(httpRequestFrom(entryEvent('bench-twiml', 'bench-twiml-call')));
  const pivotBack = pivotBackFor(request, 'https://example.invalid/pivot/bench', benchFollowUps('bench-twiml', request.callId));
  const now = new Date('2026-11-24T17:00:00Z');

  let sink = 0;
  const asTwiml = () => {
    const decision = decideEntry({ route: twimlRoute, request, now, pivotBack });
    sink += twimlAnswer(decision.twiml!).body.length;
  };
  const asCallflow = () => {
    const decision = decideEntry({ route: callflowRoute, request, now, pivotBack });
    sink += renderPivotAnswer(decision.node!).body.length;
  };
  const perAnswerUs = (answer: () => void) => {
    const t0 = performance.now();
    for (let i = 0; i < ANSWERS_PER_ROUND; i++) answer();
    return ((performance.now() - t0) * 1000) / ANSWERS_PER_ROUND;
  };

  perAnswerUs(asTwiml);
  perAnswerUs(asCallflow);
  const twimlUs: number[] = [];
  const callflowUs: number[] = [];
  const box = timeBox(TIME_LIMIT_MS);
  for (let round = 0; round < ROUNDS && !box.expired(); round++) {
    if (round % 2 === 0) {
      twimlUs.push(perAnswerUs(asTwiml));
      callflowUs.push(perAnswerUs(asCallflow));
    } else {
      callflowUs.push(perAnswerUs(asCallflow));
      twimlUs.push(perAnswerUs(asTwiml));
    }
  }
  if (sink === 0) throw new Error('unreachable: keeps the work observable');
  return [
    figure({
      id: 'engine.twimlAnswer',
      label: 'engine: a TwiML IVR start decided and written (Gather, Say with a placeholder, Redirect)',
      value: median(twimlUs),
      unit: 'µs',
      baseline: { label: 'the same IVR start as a callflow step prompt', value: median(callflowUs), unit: 'µs' },
      goal: null,
      note: `median of ${twimlUs.length} interleaved rounds of ${ANSWERS_PER_ROUND} answers`,
    }),
  ];
}
