import * as z from 'zod';

/**
 * A route's named lookup: one HTTPS request to the operator's own API, made when
 * a rule or step needs one of its values, whose JSON answer is mapped into
 * `{{lookup.<name>.<field>}}` values and `lookup` conditions.
 */

/** A secret's name under this route (Secrets Manager `<prefix><route id>/<name>`): never its value. */
const secretName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a secret name: letters, digits, ., - and _ (at most 64); never the secret itself');

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an HTTP header name');

export const lookupAuthSchema = z.union([
  z.strictObject({ bearer: secretName.describe('Sent as Authorization: Bearer <secret>') }),
  z.strictObject({ basic: secretName.describe('Secret "user:password" (or JSON {"username","password"}), sent as Basic auth') }),
  z.strictObject({
    header: headerName.describe('The API key header, e.g. X-Api-Key'),
    secret: secretName,
  }),
]);
export type LookupAuth = z.output<typeof lookupAuthSchema>;

/** A field name in `{{lookup.<name>.<field>}}`. */
export const lookupFieldName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)');

/** RFC 6901 JSON pointer (`/customer/tier`) or a dotted path (`customer.tier`, `items.0.id`). */
const jsonPath = z.string().min(1).max(256);

export const LOOKUP_DEFAULTS = { timeoutMs: 500, cacheSeconds: 60, maxBytes: 65_536 } as const;

export const lookupSchema = z
  .strictObject({
    url: z.string().min(1).max(2048).describe('https URL; placeholders from the call are URL-encoded into it'),
    method: z.enum(['GET', 'POST']).default('GET'),
    body: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('POST only: a JSON object; placeholders in its strings are filled from the call'),
    headers: z.record(headerName, z.string().max(1024)).optional().describe('Extra headers (no credentials: use auth with a secret name)'),
    auth: lookupAuthSchema.optional().describe('Credentials by secret name: bearer, basic or an API key header'),
    timeoutMs: z
      .number()
      .int()
      .min(50)
      .max(2000)
      .default(LOOKUP_DEFAULTS.timeoutMs)
      .describe("Abandoned after this (never past the request's own budget)"),
    cacheSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(LOOKUP_DEFAULTS.cacheSeconds)
      .describe('Answers are reused this long per distinct request; the last good one stands in when the API fails'),
    maxBytes: z.number().int().min(256).max(1_048_576).default(LOOKUP_DEFAULTS.maxBytes).describe('Larger answers are refused'),
    map: z
      .record(lookupFieldName, jsonPath)
      .refine((m) => Object.keys(m).length > 0, 'map at least one field')
      .describe('field → JSON pointer (/a/b) or dotted path (a.b) into the answer'),
  })
  .superRefine((lookup, ctx) => {
    if (lookup.body !== undefined && lookup.method !== 'POST') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a body needs "method": "POST"' });
    }
    for (const name of Object.keys(lookup.headers ?? {})) {
      if (/^(authorization|proxy-authorization|cookie|host|content-length)$/i.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['headers', name],
          message: `"${name}" cannot be set here; credentials go in auth by secret name`,
        });
      }
    }
  });

export type Lookup = z.output<typeof lookupSchema>;

/** What one lookup gave: field → text. null: the lookup was tried and gave nothing usable. */
export type LookupValues = Readonly<Record<string, string>> | null;
