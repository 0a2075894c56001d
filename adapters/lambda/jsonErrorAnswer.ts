import type { MiddlewareObj } from '@middy/core';
import { errorAnswer } from '../../lib/http/httpAnswer';
import { describeError, type Telemetry } from './telemetry';

/** Whatever escapes a handler or a middleware ends as a JSON error with a deliberate status, never a 500. */
export function jsonErrorAnswer(telemetry: Telemetry): MiddlewareObj {
  return {
    onError: (request) => {
      const answer = errorAnswer(request.error);
      telemetry.logger.warn('request refused', { status: answer.statusCode, error: describeError(request.error) });
      return answer;
    },
  };
}
