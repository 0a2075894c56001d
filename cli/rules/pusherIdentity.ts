import { userInfo } from 'node:os';
import type { TableTarget } from './routeTable';

/**
 * Who pushed a version, as far as the credentials tell without a network call
 * (STS GetCallerIdentity needs AWS; a local DynamoDB has none): the login name
 * ($USER), and the AWS credentials the SDK will sign with when they are named in
 * the environment: the profile (AWS_PROFILE) or the access key id
 * (AWS_ACCESS_KEY_ID, an identifier, not the secret). A local endpoint says so.
 */
export function pusherIdentity(env: Record<string, string | undefined>, target: TableTarget): string {
  const user = env.USER || env.USERNAME || safeLogin() || 'unknown user';
  if (target.endpoint) return `${user} (local DynamoDB)`;
  if (env.AWS_PROFILE) return `${user} (AWS profile ${env.AWS_PROFILE})`;
  if (env.AWS_ACCESS_KEY_ID) return `${user} (access key ${env.AWS_ACCESS_KEY_ID})`;
  return `${user} (default AWS credentials)`;
}

function safeLogin(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): $USER was the only hint.
    return undefined;
  }
}
