import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type CommandCounter = {
  /** Calls per command name since the last reset. */
  readonly counts: Map<string, number>;
  total(): number;
  reset(): void;
};

/**
 * Counts every `send` on the client by command name, through a middleware at the
 * `initialize` step: one count per call the code makes, SDK retries not included
 * (a retry is the SDK's doing, not a call the design asked for).
 */
export function countCommands(client: DynamoDBClient): CommandCounter {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return {
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  };
}
