import { describe, expect, it } from '@jest/globals';
import { MOCK_CRM_CALLERS } from '../../local/mockCrm';
import { localServerForCalls } from '../fixtures/localServerCalls';
import { actions, modules } from '../local/support/simulateCall';

const ACCOUNT_MANAGER = '9a8b7c6d5e4f30211203948576a5b4c3';
const SALES_DEVICE = 'c10a2b3c4d5e6f708192a3b4c5d6e7f8';

const { call } = localServerForCalls();

describe('npm run call: crm-vip looks the caller up in the mock CRM', () => {
  it("(first, before failures open the CRM lookup's breaker) a caller while the CRM is slow gets the menu once the lookup is abandoned, well before the CRM answers", async () => {
    // Prepare
    const started = performance.now();

    // Act
    const { status, transcript } = await call('--route', 'crm-vip', '--from', `+${MOCK_CRM_CALLERS.slow}`);
    const took = performance.now() - started;

    // Assess: the CRM answers after 3 s; the lookup's budget is 500 ms.
    expect(status).toBe(0);
    expect(modules(transcript).slice(0, 2)).toEqual(['tts', 'collect_dtmf']);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2_500);
  });

  it('a gold caller is greeted by name and rung through to their account manager', async () => {
    // Act
    const { status, transcript } = await call('--route', 'crm-vip', '--from', `+${MOCK_CRM_CALLERS.gold}`);

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual(['tts', 'device', 'voicemail']);
    expect(actions(transcript)[0]!.data['text']).toContain('Ada Lovelace');
    expect(actions(transcript)[1]!.data).toMatchObject({ id: ACCOUNT_MANAGER });
  });

  it.each([
    ['an unknown caller', '+14155559876'],
    ['a silver customer', `+${MOCK_CRM_CALLERS.silver}`],
    ['a caller while the CRM is down (503)', `+${MOCK_CRM_CALLERS.down}`],
    ['a caller whose CRM answer is malformed', `+${MOCK_CRM_CALLERS.malformed}`],
    ['a caller whose CRM answer is 2 MB', `+${MOCK_CRM_CALLERS.huge}`],
  ])('%s gets the main menu and can choose sales', async (_who, from) => {
    // Act
    const { status, transcript } = await call('--route', 'crm-vip', '--from', from, '--digits', '1');

    // Assess
    expect(status).toBe(0);
    expect(modules(transcript)).toEqual(['tts', 'collect_dtmf', 'pivot', 'device', 'voicemail']);
    expect(actions(transcript)[3]!.data).toMatchObject({ id: SALES_DEVICE });
  });
});

describe('npm run call: ab-greeting splits two greetings 80/20, sticky per caller', () => {
  it('a caller hears the same greeting every time they call', async () => {
    // Act
    const greetings = [];
    for (let i = 0; i < 3; i++) {
      const { transcript } = await call('--route', 'ab-greeting', '--from', '+14155550177');
      greetings.push(actions(transcript)[0]!.data['text']);
    }

    // Assess
    expect(new Set(greetings).size).toBe(1);
  });

  it('callers hear both greetings, then the front desk rings', async () => {
    // Act
    const heard = new Set<unknown>();
    for (let i = 0; i < 30; i++) {
      const { transcript } = await call('--route', 'ab-greeting', '--from', `+1415555${String(1000 + i)}`);
      expect(modules(transcript)).toEqual(['tts', 'device', 'voicemail']);
      heard.add(actions(transcript)[0]!.data['text']);
    }

    // Assess
    expect(heard.size).toBe(2);
  });
});
