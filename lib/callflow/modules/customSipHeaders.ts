/** Kazoo's `custom_sip_headers` schema: header name → string value, nothing else. */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';

// Kazoo's pattern really says `A-z`, which also admits [ \ ] ^ _ and backtick; kept as is.
const HEADER_NAME = /^[a-zA-z0-9_-]+$/;

export const customSipHeadersSchema = lazySchema(() =>
  z.record(z.string().regex(HEADER_NAME, { message: 'must be a SIP header name (letters, digits, _ or -)' }), z.string()),
);

export type CustomSipHeaders = z.infer<typeof customSipHeadersSchema>;

/** `resources` also accepts the headers split by direction: `{ in: {...}, out: {...} }`. */
export const directionalSipHeadersSchema = lazySchema(() =>
  z.union([customSipHeadersSchema, z.looseObject({ in: customSipHeadersSchema.optional(), out: customSipHeadersSchema.optional() })], {
    error: 'must be SIP headers, or { in, out } SIP header objects',
  }),
);
