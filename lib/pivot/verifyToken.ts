import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../errors';

/**
 * Constant-time comparison of the voice_url token with the deployment's secret.
 * Both sides are hashed first so the comparison takes the same time whatever the
 * lengths, and timingSafeEqual never leaks the position of the first difference.
 */
export function verifyToken(given: string | undefined, expected: string): void {
  if (given === undefined || given === '') throw new AuthError('missing_token', 'the voice_url has no token parameter');
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  if (!timingSafeEqual(a, b)) throw new AuthError('invalid_token', 'the token is not valid');
}
