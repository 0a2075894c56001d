import { outsideSourcesFor } from '../adapters/lambda/outsideSources';
import { runtimeConfigFrom } from '../adapters/lambda/runtimeConfig';
import type { Telemetry } from '../adapters/lambda/telemetry';
import { inMemorySecrets } from '../lib/lookups/secretSource';
import type { OutsideSources } from '../lib/pivot/decideWithOutsideData';
import { MOCK_CRM_PORT, MOCK_CRM_TOKEN } from './mockCrm';

/**
 * The address rules npm start runs under: the mock CRM lives on loopback over
 * plain http, so both are allowed here, explicitly, as an operator would have to.
 * A deployed function refuses both unless its environment says otherwise.
 */
export const localOutsideEnv = {
  OUTBOUND_ALLOW_HTTP: 'true',
  OUTBOUND_ALLOWED_CIDRS: '127.0.0.1/32,::1/128',
} as const;

/** Lookup credentials locally: crm-vip's `crm-token` is the mock CRM's token; there is no Secrets Manager. */
export function localOutsideSources(env: Record<string, string | undefined>, telemetry: Telemetry): OutsideSources {
  return outsideSourcesFor(runtimeConfigFrom(env), telemetry, { secrets: inMemorySecrets({ 'crm-vip/crm-token': MOCK_CRM_TOKEN }) });
}

/** The examples name the mock CRM at its default port; when it runs elsewhere (port 0 in tests), they follow it. */
export function pointExamplesAtMockCrm(mockCrmUrl: string): (text: string) => string {
  const written = `http://127.0.0.1:${MOCK_CRM_PORT}`;
  return (text) => (mockCrmUrl === written ? text : text.replaceAll(written, mockCrmUrl));
}
