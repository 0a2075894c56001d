import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDynamoClient, DynamoRouteAdmin } from '../../../adapters/dynamodb';
import { startLocalServer, type LocalServer } from '../../../local/startLocalServer';
import { exampleDocument } from '../../fixtures/exampleRoutes';
import { CONSOLE_CLOCK, consoleExamplesDir } from './consoleExamples';

/** A draft pushed beside the live version: the route page shows both weeks before anyone publishes. */
let server: LocalServer;
const examples = consoleExamplesDir();

beforeAll(async () => {
  server = await startLocalServer({ port: 0, dynamoPort: 0, examplesDir: examples.dir, clockOverride: CONSOLE_CLOCK });
  // Prepare: the main number's draft opens at 08:00 instead of 09:00, for one test caller.
  const draft = exampleDocument('main-number.json') as { rules: { when: { time: { time_window_start: number } } }[] };
  draft.rules[0]!.when.time.time_window_start = 8 * 3600;
  const client = createDynamoClient({ endpoint: server.dynamoEndpoint, region: 'us-east-1', budgetMs: 5_000 });
  await new DynamoRouteAdmin({ client, tableName: server.tableName }).versions.push(
    'main-number',
    { ...draft, testCallers: ['+14155550199'] },
    { pushedBy: 'test', draft: true, keep: 10 },
  );
  client.destroy();
}, 60_000);

afterAll(async () => {
  await server.close();
  examples.remove();
});

const weekWords = (page: string) => /<pre id="week-words">([^<]*)<\/pre>/.exec(page)?.[1]?.split('\n');

describe('a route with a draft on the console', () => {
  it('shows the live week and links to the draft', async () => {
    // Act
    const page = await (await fetch(`${server.url}/console/routes/main-number`)).text();

    // Assess
    expect(page).toContain('Live version 1');
    expect(page).toContain('<a href="?draft=1">draft version 2</a>');
    expect(weekWords(page)).toContain('Mon–Fri 09:00–17:00: ring device a3f1… → voicemail b7e2…');
  });

  it("shows the draft's week, says who gets it, and calls as its test caller", async () => {
    // Act
    const page = await (await fetch(`${server.url}/console/routes/main-number?draft=1`)).text();

    // Assess
    expect(page).toContain('Draft version 2: not live. Only its test callers (+14155550199) get it');
    expect(weekWords(page)).toContain('Mon–Fri 08:00–17:00: ring device a3f1… → voicemail b7e2…');
    expect(page).toMatch(/name="from" value="\+14155550199"/);
  });

  it('answers 404 for the draft of a route that has none', async () => {
    // Act
    const response = await fetch(`${server.url}/console/routes/sales-support?draft=1`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('has no draft');
  });
});
