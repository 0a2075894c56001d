import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Run by a fresh `node` per sample: import a Lambda bundle, answer one event the
 * way the Lambda runtime would call the handler, exit. Plain Node, no tsx: the
 * bench bundles this file too. Exit code 0 only for a 200, so a broken bundle
 * cannot pass for a fast one. Exits explicitly: keep-alive sockets would hold
 * the process open, and Lambda freezes rather than waits for them.
 */
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

const [bundlePath, eventPath] = process.argv.slice(2);
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'cold-start-bench',
  awsRequestId: 'cold-start',
  getRemainingTimeInMillis: () => 3000,
};

try {
  const { handler } = (await import(pathToFileURL(bundlePath!).href)) as { handler: Handler };
  const event: unknown = eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')) : {};
  const result = await handler(event, context);
  if (result.statusCode !== 200) {
    process.stderr.write(`answered ${result.statusCode}: ${result.body}\n`);
    process.exit(2);
  }
  process.exit(0);
} catch (error) {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
}
