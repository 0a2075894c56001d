import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createBudgetRetryStrategy } from './budgetRetryStrategy';

export type DynamoClientOptions = {
  /** Local dynalite or DynamoDB Local; omit for the real service. */
  endpoint?: string;
  region?: string;
  /** Longest a single `send` may take, all attempts and waits included. */
  budgetMs: number;
};

export type DynamoClientTimeouts = {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  maxRetryDelayMs: number;
};

const MAX_ATTEMPTS = 2;
/** Below this a DynamoDB round trip cannot fit even once. */
const MIN_BUDGET_MS = 20;

/**
 * Splits the budget so that the worst case (every attempt runs into its request
 * timeout, plus the longest retry wait) adds up to no more than the budget:
 * 2 × 0.4 + 0.2 = 1. The request timeout runs from the moment the request is
 * created until the response headers arrive, so it already contains the wait for a
 * socket and the connection phase; the shorter connection timeout gives up on a
 * dead endpoint early, leaving room for the retry.
 */
export function deriveClientTimeouts(budgetMs: number): DynamoClientTimeouts {
  if (!Number.isFinite(budgetMs) || budgetMs < MIN_BUDGET_MS) {
    throw new RangeError(`DynamoDB budget must be at least ${MIN_BUDGET_MS} ms, got ${budgetMs}`);
  }
  const requestTimeoutMs = Math.floor(budgetMs * 0.4);
  return {
    connectionTimeoutMs: Math.floor(budgetMs * 0.2),
    requestTimeoutMs,
    maxAttempts: MAX_ATTEMPTS,
    maxRetryDelayMs: Math.floor(budgetMs - MAX_ATTEMPTS * requestTimeoutMs),
  };
}

/**
 * Client settings whose own timeouts and retries cannot outlive `budgetMs`: for
 * DynamoDB and for every other AWS call on the request path (the token secret).
 * Callers still pass an AbortSignal per call (`send(cmd, { abortSignal })`) to stop
 * earlier when the request's overall deadline is nearer than the client budget.
 */
export function budgetClientConfig(budgetMs: number, agents: { httpAgent?: HttpAgent; httpsAgent?: HttpsAgent } = {}) {
  const timeouts = deriveClientTimeouts(budgetMs);
  return {
    maxAttempts: timeouts.maxAttempts,
    retryStrategy: createBudgetRetryStrategy(timeouts.maxAttempts, timeouts.maxRetryDelayMs),
    // Options, not a NodeHttpHandler: the SDK builds its own from them, and the bundle
    // does not carry a second copy of the handler (about 10 KB).
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Without it a request timeout only logs a warning and the call runs on.
      throwOnRequestTimeout: true,
      // Bounds a response body that stalls after its headers (outside requestTimeout).
      socketTimeout: timeouts.requestTimeoutMs,
      ...agents,
    },
  };
}

/** A DynamoDB client that cannot outlive `budgetMs` on its own. */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  // Keep-alive: a fresh TLS handshake per call would eat a large share of the budget.
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  return new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region,
    ...budgetClientConfig(options.budgetMs, { httpAgent: new HttpAgent(agentOptions), httpsAgent: new HttpsAgent(agentOptions) }),
  });
}
