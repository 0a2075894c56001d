import { TooManyParametersError } from '../errors';

/**
 * Kazoo sends about thirty parameters; a few hundred is already hostile, and
 * every one costs decoding, bracket expansion and a place in the call state.
 */
export const MAX_PARAMETERS = 256;

/**
 * One count for a whole request, query string and body together, so GET (all in
 * the query), POST form and POST JSON are held to exactly the same limit: a form
 * pair is one parameter, and so is each value of a JSON body (an object or list
 * member that is not itself an object or list, or an empty one).
 */
export class ParameterBudget {
  #left: number;

  constructor(readonly limit: number = MAX_PARAMETERS) {
    this.#left = limit;
  }

  /** Counts one more parameter; throws TooManyParametersError past the limit. */
  take(): void {
    this.#left -= 1;
    if (this.#left < 0) throw new TooManyParametersError(this.limit);
  }
}
