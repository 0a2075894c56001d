import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidRequestError } from '../../lib/errors';
import { normalizePivotRequest } from '../../lib/request/normalizePivotRequest';
import { pivotRequestSchema, type PivotRequest } from '../../lib/request/pivotRequest';
import { httpRequestFrom, pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { kazooParams, twimlParams } from '../fixtures/kazooCalls';
import { eventOf, oddEvent, requestParts } from './support/requestArbitraries';
import { printReport, report } from './support/answers';

/**
 * The edge adapter and the normalizer are the first code that touches what a
 * caller sent. Whatever arrives, they return a valid PivotRequest or throw
 * InvalidRequestError (a 400 naming the field); nothing else may escape, and
 * nothing may reach a prototype. (Size limits are off here: the handler tests
 * check them.)
 */
const GENERATED_RUNS = 6_000;
const ODD_EVENT_RUNS = 1_000;
const ROUND_TRIP_RUNS = 1_000;

const tally = { accepted: 0, refused: 0 };

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).join();
const own = (o: object, k: string) => Object.hasOwn(o, k);

function expectNoPollution() {
  if (({} as Record<string, unknown>)['polluted'] !== undefined || Object.getOwnPropertyNames(Object.prototype).join() !== PROTOTYPE_KEYS) {
    throw new Error('Object.prototype was modified');
  }
}

/** Plain checks (expect() costs more than the normalizer itself at this volume); the reasons a request is wrong. */
function requestViolations(request: PivotRequest): string[] {
  const out: string[] = [];
  if (!pivotRequestSchema.safeParse(request).success) out.push('fails pivotRequestSchema');
  if (request.callId.length === 0) out.push('empty callId');
  // The voice_url's own parameters never become call data.
  if (own(request.params, 'token') || own(request.params, 'step')) out.push('token or step among call params');
  for (const forbidden of ['__proto__', 'constructor', 'prototype']) {
    for (const map of [request.params, request.customApplicationVars, request.customSipHeaders, request.digits.collections]) {
      if (own(map, forbidden)) out.push(`own key ${forbidden}`);
    }
  }
  return out;
}

/** Returns the request, or undefined when refused the one allowed way. */
function normalizeOrRefuse(event: unknown): PivotRequest | undefined {
  try {
    const request = normalizePivotRequest(httpRequestFrom(event));
    tally.accepted++;
    return request;
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    tally.refused++;
    return undefined;
  }
}

afterAll(() => {
  report('normalizer fuzz', { runs: GENERATED_RUNS + ODD_EVENT_RUNS + ROUND_TRIP_RUNS, ...tally });
  printReport('normalizer');
});

describe('normalizePivotRequest under generated input', () => {
  it(`returns a valid request or throws InvalidRequestError, for ${GENERATED_RUNS} random and mutated requests`, () => {
    fc.assert(
      fc.property(requestParts, (parts) => {
        // Act
        const request = normalizeOrRefuse(eventOf(parts));

        // Assess
        expectNoPollution();
        if (request) expect(requestViolations(request)).toEqual([]);
      }),
      { numRuns: GENERATED_RUNS },
    );
  });

  it(`refuses events with wrong types in any field only with InvalidRequestError (${ODD_EVENT_RUNS} runs)`, () => {
    fc.assert(
      fc.property(oddEvent, (event) => {
        // Act
        normalizeOrRefuse(event);

        // Assess
        expectNoPollution();
      }),
      { numRuns: ODD_EVENT_RUNS },
    );
  });

  it(`gives back exactly what Kazoo encoded, unicode and quotes included, in every transport (${ROUND_TRIP_RUNS} runs)`, () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(
        text,
        text,
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
        fc.constantFrom('get', 'form', 'json'),
        fc.constantFrom('kazoo', 'twiml'),
        (callId, callerName, digits, as, dialect) => {
          // Prepare
          const params =
            dialect === 'kazoo'
              ? kazooParams({ 'Call-ID': callId, 'Caller-ID-Name': callerName, Digits: { menu: digits } })
              : twimlParams({ CallSid: callId, CallerName: callerName, Digits: digits });
          const options = { as, params, route: 'main-number', voiceUrlQuery: 'token=secret&step=menu' } as const;
          const event = pivotEventV2(options);

          // Act
          const request = normalizePivotRequest(httpRequestFrom(event));

          // Assess
          expect(request.callId).toBe(callId);
          expect(request.callerIdName).toBe(callerName);
          expect(request.token).toBe('secret');
          expect(request.step).toBe('menu');
          expect(dialect === 'kazoo' ? request.digits.collections['menu'] : request.digits.latest).toBe(digits);
        },
      ),
      { numRuns: ROUND_TRIP_RUNS },
    );
  });
});
