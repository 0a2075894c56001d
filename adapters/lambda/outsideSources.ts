import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { budgetClientConfig } from '../dynamodb/createDynamoClient';
import { nodeOutboundFetcher } from '../outbound/nodeOutboundFetcher';
import { secretsManagerSecrets } from '../secrets/secretsManagerSecrets';
import { CalendarFeeds } from '../../lib/calendar/calendarFeeds';
import { LookupResolver } from '../../lib/lookups/lookupResolver';
import type { SecretSource } from '../../lib/lookups/secretSource';
import { OutboundCache } from '../../lib/outbound/outboundCache';
import type { OutboundFetcher } from '../../lib/outbound/outboundFetcher';
import { parseSourceCidrs } from '../../lib/http/sourceAllowlist';
import type { OutsideSources } from '../../lib/pivot/decideWithOutsideData';
import { recordCalendarFeed, recordLookup } from './outsideTelemetry';
import type { RuntimeConfig } from './runtimeConfig';
import type { Telemetry } from './telemetry';

/**
 * Lookups and calendar feeds, wired once per container: one outbound fetcher
 * under the configured address rules, caches that live as long as the container,
 * lookup credentials from Secrets Manager under LOOKUP_SECRET_PREFIX (or the
 * given source, locally). The Secrets Manager SDK is loaded and its client built on first use.
 */
export function outsideSourcesFor(
  config: RuntimeConfig,
  telemetry: Telemetry,
  options: { secrets?: SecretSource; fetcher?: OutboundFetcher } = {},
): OutsideSources {
  const fetcher =
    options.fetcher ??
    nodeOutboundFetcher({ allowHttp: config.OUTBOUND_ALLOW_HTTP, allowedCidrs: parseSourceCidrs(config.OUTBOUND_ALLOWED_CIDRS ?? '') });
  let client: Promise<SecretsManagerClient> | undefined;
  const clientOnce = () => {
    client ??= import('@aws-sdk/client-secrets-manager').then(
      ({ SecretsManagerClient }) => new SecretsManagerClient({ region: config.AWS_REGION, ...budgetClientConfig(config.BUDGET_MS) }),
    );
    return client;
  };
  const secrets = options.secrets ?? secretsManagerSecrets(clientOnce, { prefix: config.LOOKUP_SECRET_PREFIX });
  return {
    lookups: new LookupResolver({
      fetcher,
      secrets,
      cache: new OutboundCache({ now: Date.now }),
      onReport: (report) => recordLookup(telemetry, report),
    }),
    calendars: new CalendarFeeds({
      fetcher,
      cache: new OutboundCache({ now: Date.now, maxEntries: 200 }),
      onReport: (report) => recordCalendarFeed(telemetry, report),
    }),
  };
}
