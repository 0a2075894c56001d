import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

// The SDK's token-based strategy shape, taken from the client's own config type so
// we need no import from @smithy/types (not a direct dependency of this project).
type RetryStrategyV2 = Extract<NonNullable<DynamoDBClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<RetryStrategyV2['refreshRetryTokenForRetry']>[1];

/**
 * A retry strategy whose waits are bounded by the request budget. The SDK's standard
 * strategy backs off up to a second on throttling and honours server retry-after
 * hints of several seconds: fine for batch jobs, fatal for a live call that needs an
 * answer within the budget. Here a retry waits a full-jitter delay of at most
 * `maxRetryDelayMs`, and only transient and throttling errors are retried.
 */
export function createBudgetRetryStrategy(maxAttempts: number, maxRetryDelayMs: number): RetryStrategyV2 {
  const token = (count: number, delay: number): RetryToken => ({
    getRetryCount: () => count,
    getRetryDelay: () => delay,
  });
  return {
    async acquireInitialRetryToken() {
      return token(0, 0);
    },
    async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo) {
      const retryable = errorInfo.errorType === 'TRANSIENT' || errorInfo.errorType === 'THROTTLING';
      const attemptsMade = previous.getRetryCount() + 1;
      if (!retryable || attemptsMade >= maxAttempts) {
        // The retry middleware rethrows the request's own error when this rejects.
        throw new Error('no retry within the budget');
      }
      return token(attemptsMade, Math.floor(Math.random() * maxRetryDelayMs));
    },
    recordSuccess() {},
  };
}
