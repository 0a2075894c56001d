/**
 * `url <route>`: the URLs to paste into Kazoo for one route, its token included.
 * The token is derived from the route key (lib/pivot/routeCredentials.ts), so
 * nothing per route is stored: deployed, the key is read from the stack's secret
 * with the operator's AWS credentials; locally it is npm start's key.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { budgetClientConfig } from '../../adapters/dynamodb/createDynamoClient';
import { readRouteKeySecret } from '../../adapters/lambda/routeKeySource';
import { StoreUnavailableError } from '../../lib/errors';
import { routeToken, type RouteKeys } from '../../lib/pivot/routeCredentials';
import { localRouteKeys } from '../../local/localRouteKey';
import { printKazooNode, routeFallbackFor } from './kazooNodeOutput';
import { describeTarget, EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget, withRouteTable } from './routeTable';

export type UrlOptions = {
  /** Where the routes are served: each region's PivotBaseUrl output (primary first), or a local origin. */
  bases?: readonly string[];
  /** Print a ready Kazoo pivot node chaining the regions, ending in the route's own fallback. */
  kazoo?: boolean;
  /** --kazoo: the route file to take the fallback from when no table is named. */
  routeFile?: string;
  /** The stack's route key secret (ARN or name); without it, the local key. */
  secret?: string;
  region: string;
  /** When the operator named a table (--endpoint or --table): say if the route is not in it. */
  checkTable?: TableTarget;
};

type UrlDeps = Pick<RulesCliDeps, 'env' | 'openRouteTable' | 'readRouteKeys'>;

/** An operator waits on one command; a slow but working connection should not fail it. */
const SECRET_READ_BUDGET_MS = 10_000;

export async function urlCommand(routeId: string, options: UrlOptions, io: RulesIo, deps: UrlDeps): Promise<number> {
  let keys: RouteKeys;
  try {
    keys = options.secret ? await deps.readRouteKeys(options.secret, options.region) : localRouteKeys(deps.env);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    io.stderr.write(`error: ${error.message}${cause}\n`);
    io.stderr.write(
      `hint: --secret is the stack's route key secret (ARN or name, see the RouteUrlCommand output); check --region / AWS_REGION and that your AWS credentials may call secretsmanager:GetSecretValue on it.\n`,
    );
    return EXIT_FAILED;
  }
  // A URL for a route not pushed yet is still worth printing (Kazoo can be set up first): a warning, not a failure.
  let storedText: string | undefined;
  const tableCheck = options.checkTable
    ? await withRouteTable(options.checkTable, io, deps, async (admin) => {
        storedText = await admin.getRoute(routeId);
        if (storedText === undefined) {
          io.stderr.write(`warning: no route ${routeId} in ${describeTarget(options.checkTable!)} yet; push it before Kazoo calls\n`);
        }
        return EXIT_OK;
      })
    : EXIT_OK;
  const bases = (options.bases?.length ? options.bases : [localBase(deps.env)]).map(pivotBaseOf);
  const token = routeToken(keys.current, routeId);
  if (options.kazoo) {
    const fallback = await routeFallbackFor(routeId, { storedText, routeFile: options.routeFile }, io);
    if (fallback === 'invalid') return EXIT_FAILED;
    const printed = printKazooNode({ routeId, token, bases, fallback }, io);
    return printed === EXIT_OK ? tableCheck : printed;
  }
  const query = `?token=${token}`;
  const path = encodeURIComponent(routeId);
  for (const [i, base] of bases.entries()) {
    // Several regions: each region's own URLs, labelled; the chain itself is what --kazoo prints.
    const label = bases.length > 1 ? `  (region ${i + 1})` : '';
    io.stdout.write(`voice_url  ${base}${path}${query}${label}\n`);
    io.stdout.write(`cdr_url    ${base}${path}/cdr${query}${label}\n`);
  }
  if (!options.secret) {
    io.stderr.write('(token from the local route key, as npm start uses; for a deployed stack pass --base and --secret)\n');
  }
  return tableCheck;
}

/** `https://x/`, `https://x/pivot` and `https://x/pivot/` all name the same routes: `https://x/pivot/`. */
export function pivotBaseOf(base: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path.endsWith('/pivot') ? path : `${path}/pivot`}/`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** What npm start serves: PUBLIC_URL when set (the origin Kazoo reaches), else this machine. */
function localBase(env: Record<string, string | undefined>): string {
  return env['PUBLIC_URL'] || `http://localhost:${env['PORT'] || 3000}`;
}

/** Reads the stack's key secret with the operator's AWS credentials (default chain). */
export async function readRouteKeysFromSecretsManager(secretId: string, region: string): Promise<RouteKeys> {
  const client = new SecretsManagerClient({ region, ...budgetClientConfig(SECRET_READ_BUDGET_MS) });
  try {
    return await readRouteKeySecret(client, secretId);
  } finally {
    client.destroy();
  }
}
