import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { budgetClientConfig } from '../dynamodb/createDynamoClient';
import { StoreUnavailableError } from '../../lib/errors';
import type { RuntimeConfig } from './runtimeConfig';

/**
 * The deployment's token: from Secrets Manager once per container (cached), or
 * from PIVOT_TOKEN locally. A failed read is not cached, so the next request
 * tries again rather than the container being poisoned. The client's timeouts and
 * retries fit the request budget like DynamoDB's: without them a hung read stays
 * cached as a promise that never settles, and every later call answers 503.
 */
export function tokenSourceFor(config: RuntimeConfig): () => Promise<string> {
  if (!config.TOKEN_SECRET_ARN) {
    const token = config.PIVOT_TOKEN!;
    return async () => token;
  }
  const secretId = config.TOKEN_SECRET_ARN;
  const client = new SecretsManagerClient({ region: config.AWS_REGION, ...budgetClientConfig(config.BUDGET_MS) });
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((out) => {
        if (!out.SecretString) throw new Error('the token secret has no string value');
        return out.SecretString.trim();
      })
      .catch((cause) => {
        cached = undefined;
        throw new StoreUnavailableError('reading the token secret failed', { cause });
      });
    return cached;
  };
}
