import { startLocalServer } from '../../local/startLocalServer';
import { BENCH_TOKEN } from '../support/pivotBench';
import { answerServerControl } from './serverControl';

/**
 * Child process: `npm start`'s server as its own code builds it (embedded
 * dynalite, example routes, the deployed handlers), on a free loopback port,
 * rules judged at a fixed business-hours instant so every answer is the same.
 */
const server = await startLocalServer({
  port: 0,
  host: '127.0.0.1',
  dynamoPort: 0,
  token: BENCH_TOKEN,
  clockOverride: new Date(process.argv[2] ?? '2026-11-24T17:00:00Z'),
});
process.send!({ port: server.port });
answerServerControl(() => server.close());
