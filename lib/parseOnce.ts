/**
 * Parse options for a document zod checks once per load (a route, the
 * environment, a key secret, a closure), not once per request. zod's default
 * fast path compiles each object schema with `new Function` on its first parse:
 * worth it for a schema parsed thousands of times, a pure cost for one parse, and
 * on a cold container that cost lands on the first caller (bench: coldStart.*).
 */
export const PARSE_ONCE = { jitless: true } as const;
