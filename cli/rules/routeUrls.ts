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
import { describeTarget, EXIT_FAILED, EXIT_OK, type RulesCliDeps, type RulesIo, type TableTarget, withRouteTable } from './routeTable';

export type UrlOptions = {
  /** Where the routes are served: the stack's PivotBaseUrl output, or a local origin. */
  base?: string;
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
  const tableCheck = options.checkTable
    ? await withRouteTable(options.checkTable, io, deps, async (admin) => {
        if ((await admin.getRoute(routeId)) === undefined) {
          io.stderr.write(`warning: no route ${routeId} in ${describeTarget(options.checkTable!)} yet; push it before Kazoo calls\n`);
        }
        return EXIT_OK;
      })
    : EXIT_OK;
  const base = pivotBaseOf(options.base ?? localBase(deps.env));
  const query = `?token=${routeToken(keys.current, routeId)}`;
  const path = encodeURIComponent(routeId);
  io.stdout.write(`voice_url  ${base}${path}${query}\n`);
  io.stdout.write(`cdr_url    ${base}${path}/cdr${query}\n`);
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
