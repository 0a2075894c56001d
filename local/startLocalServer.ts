import './localProcessEnv';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDynamoClient, createPivotTable, DynamoRouteAdmin } from '../adapters/dynamodb';
import { createPivotRuntime } from '../adapters/lambda/pivotRuntime';
import { createTelemetry } from '../adapters/lambda/telemetry';
import { createCdrHandler } from '../functions/cdr';
import { handler as healthHandler } from '../functions/health';
import { createPivotHandler } from '../functions/pivot';
import { apiGatewayEventV2 } from './apiGatewayEventV2';
import { lockDataDir } from './dataDirLock';
import { type EmbeddedDynamo, startEmbeddedDynamo } from './embeddedDynamo';
import { matchRoute, type LocalTarget } from './httpRoutes';
import { lambdaContext, writeGatewayError, writeLambdaResult, type LambdaHandler } from './lambdaInvocation';
import { closeServer, listenOnPort, PortInUseError } from './listenOnPort';
import { loadExampleRoutes, type LoadedExamples } from './loadExampleRoutes';
import { localClock } from './localClock';
import { localRouteKeys } from './localRouteKey';
import { routeToken, type RouteKeys } from '../lib/pivot/routeCredentials';
import type { CallflowPolicy } from '../lib/callflow/validateCallflow';
import { domainNameFor, publicOriginFor, type PublicOrigin } from './publicOrigin';
import { localOutsideSources, localOutsideEnv, pointExamplesAtMockCrm } from './localOutside';
import { startMockCrm, type MockCrm } from './mockCrm';
import { CallLog } from './console/callLog';
import { isConsoleClient } from './console/consoleAccess';
import { answerConsole, type ConsoleDeps } from './console/consoleRoutes';
import { logAnswered, type Answered } from './console/timelineEntry';
import type { PivotRuntime } from '../adapters/lambda/pivotRuntime';

export const DEFAULT_PORT = 3000;
export const LOCAL_TABLE = 'kazoo-pivot-local';
const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** API Gateway's payload limit is 10 MB; the handlers refuse far less, this only bounds memory. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * This server and the call simulator live on loopback, so IVR prompts must be
 * allowed to pivot back to it; a real Kazoo refuses that. Only this file sets
 * it: the deployed functions have no way to (a test checks).
 */
const LOCAL_CALLFLOW_POLICY: CallflowPolicy = { allowLoopbackUrls: true };

export type LocalServerOptions = {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default: every interface, so a Kazoo on another machine can reach it (Kazoo refuses loopback voice_urls). */
  host?: string;
  /** Keep the table on disk under `.local-data/` instead of in memory. */
  persist?: boolean;
  /** Judge rules at this instant when a request has no x-pivot-clock header. */
  clockOverride?: Date;
  /** Default: PIVOT_ROUTE_KEY(_PREVIOUS) from this process's environment, else the public local key. */
  routeKeys?: RouteKeys;
  /** Where Kazoo reaches this server (e.g. a tunnel); IVR prompts pivot back to it. */
  publicUrl?: string;
  /** Only these client CIDRs may call pivot and cdr, as deployed; default: ALLOWED_SOURCE_CIDRS from this process's environment, else any. */
  allowedSourceCidrs?: string;
  /** dynalite's port; default 0 (any free port). */
  dynamoPort?: number;
  /**
   * Use this DynamoDB endpoint (another server's dynalite) instead of starting one:
   * two servers on one table stand in for two regions on a global table.
   */
  dynamoEndpoint?: string;
  examplesDir?: string;
  dataDir?: string;
  /** The mock CRM's port; default 0 (a free one: examples/crm-vip.json is pointed at it). npm start uses 3001. */
  mockCrmPort?: number;
};

export type LocalServer = {
  /** `http://localhost:<port>`, no trailing slash: for curl and the simulator on this machine. */
  url: string;
  /** The origin Kazoo must use (never loopback, which Kazoo refuses), no trailing slash. */
  publicUrl: string;
  port: number;
  /** The keys this server's route tokens derive from. */
  routeKeys: RouteKeys;
  /** A route's token under the current key: what its voice_url carries as `?token=`. */
  tokenFor(routeId: string): string;
  tableName: string;
  dynamoEndpoint: string;
  persisted: boolean;
  examples: LoadedExamples;
  /** The mock CRM crm-vip looks callers up in. */
  mockCrm: MockCrm;
  /** The last calls answered, for the /console/calls pages. */
  calls: CallLog;
  close(): Promise<void>;
};

/**
 * The deployed handlers, unchanged, behind a node:http server that turns each
 * request into the event API Gateway would hand them, on an embedded DynamoDB
 * holding the example routes.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const routeKeys = options.routeKeys ?? localRouteKeys(process.env);
  const persisted = options.persist ?? false;
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, '.local-data');
  const unlock = persisted ? lockDataDir(dataDir) : () => undefined;
  let dynamo: EmbeddedDynamo;
  try {
    dynamo = options.dynamoEndpoint
      ? { endpoint: options.dynamoEndpoint, close: async () => undefined }
      : await startEmbeddedDynamo({ port: options.dynamoPort, path: persisted ? join(dataDir, 'dynalite') : undefined });
  } catch (error) {
    unlock();
    throw error;
  }
  let mockCrm: MockCrm | undefined;
  try {
    // The mock CRM is a convenience: its usual port taken (a second npm start) means any free one.
    mockCrm = await startMockCrm({ port: options.mockCrmPort ?? 0 }).catch((error: unknown) => {
      if (error instanceof PortInUseError) return startMockCrm({ port: 0 });
      throw error;
    });
    const examples = await prepareTable(
      dynamo.endpoint,
      options.examplesDir ?? join(PROJECT_ROOT, 'examples'),
      persisted,
      pointExamplesAtMockCrm(mockCrm.url),
    );
    const scheme = options.publicUrl?.startsWith('https:') ? 'https' : 'http';
    const calls = new CallLog();
    const { handlers, runtime } = localHandlers({
      calls,
      routeKeys,
      endpoint: dynamo.endpoint,
      clockOverride: options.clockOverride,
      scheme,
      allowedSourceCidrs: options.allowedSourceCidrs ?? process.env['ALLOWED_SOURCE_CIDRS'],
    });
    let origin: PublicOrigin | undefined;
    // Known once the port is bound (port 0 picks one), which is before any request can arrive.
    const originOf = (port: number) => (origin ??= publicOriginFor({ publicUrl: options.publicUrl, listenHost: host, port }));
    let localUrl = '';
    const consoleDeps: ConsoleDeps = {
      getRoute: (id) => runtime.rules.getRoute(id),
      listRouteIds: () => new DynamoRouteAdmin({ client: runtime.dynamo, tableName: LOCAL_TABLE }).listRouteIds(),
      calls,
      now: () => options.clockOverride ?? new Date(),
      voiceUrlFor: (id) => `${localUrl}/pivot/${encodeURIComponent(id)}?token=${routeToken(routeKeys.current, id)}`,
    };
    const server = createServer((req, res) => {
      const domainName = domainNameFor(req.headers.host, originOf(req.socket.localPort ?? 0), options.publicUrl !== undefined);
      void serve(handlers, domainName, req, res, consoleDeps);
    });
    const port = await listenOnPort(server, options.port ?? DEFAULT_PORT, host, 'Pivot HTTP server', 'PORT');
    localUrl = `http://localhost:${port}`;
    const { scheme: publicScheme, host: publicHost } = originOf(port);
    return {
      url: `http://localhost:${port}`,
      publicUrl: `${publicScheme}://${publicHost}`,
      port,
      routeKeys,
      tokenFor: (routeId) => routeToken(routeKeys.current, routeId),
      tableName: LOCAL_TABLE,
      dynamoEndpoint: dynamo.endpoint,
      persisted,
      examples,
      mockCrm,
      calls,
      close: async () => {
        await closeServer(server);
        await mockCrm?.close();
        await dynamo.close();
        unlock();
      },
    };
  } catch (error) {
    await mockCrm?.close();
    await dynamo.close();
    unlock();
    throw error;
  }
}

async function prepareTable(
  endpoint: string,
  examplesDir: string,
  keepExisting: boolean,
  rewrite: (text: string) => string,
): Promise<LoadedExamples> {
  const client = createDynamoClient({ endpoint, region: 'us-east-1', budgetMs: 10_000 });
  try {
    await createPivotTable(client, LOCAL_TABLE);
    return await loadExampleRoutes(new DynamoRouteAdmin({ client, tableName: LOCAL_TABLE }), examplesDir, {
      keepExisting,
      callflowPolicy: LOCAL_CALLFLOW_POLICY,
      rewrite,
    });
  } finally {
    client.destroy();
  }
}

type Handlers = Record<LocalTarget, LambdaHandler>;

function localHandlers(o: {
  calls: CallLog;
  routeKeys: RouteKeys;
  endpoint: string;
  clockOverride?: Date;
  scheme: 'http' | 'https';
  allowedSourceCidrs?: string;
}): { handlers: Handlers; runtime: PivotRuntime } {
  const telemetry = createTelemetry('kazoo-pivot-local');
  const env = {
    TABLE_NAME: LOCAL_TABLE,
    PIVOT_ROUTE_KEY: o.routeKeys.current,
    ...(o.routeKeys.previous && { PIVOT_ROUTE_KEY_PREVIOUS: o.routeKeys.previous }),
    DYNAMODB_ENDPOINT: o.endpoint,
    AWS_REGION: 'us-east-1',
    // Routes pushed with the rules CLI show up within a second instead of 30.
    ROUTE_CACHE_TTL_MS: '1000',
    // The client's address stands in for API Gateway's sourceIp (apiGatewayEventV2.ts).
    ...(o.allowedSourceCidrs && { ALLOWED_SOURCE_CIDRS: o.allowedSourceCidrs }),
    ...localOutsideEnv,
  };
  const runtime = createPivotRuntime(env, telemetry, {
    clock: localClock(o.clockOverride),
    callflowPolicy: LOCAL_CALLFLOW_POLICY,
    outside: localOutsideSources(env, telemetry),
  });
  const onAnswer = (answered: Answered) => logAnswered(o.calls, answered);
  const handlers = {
    // The simulator prints which rule, step or option answered; only this local server says so.
    pivot: createPivotHandler(() => runtime, telemetry, { scheme: o.scheme, onAnswer, revealDecision: true }),
    cdr: createCdrHandler(() => runtime, telemetry),
    health: () => healthHandler(),
  };
  return { handlers, runtime };
}

async function serve(
  handlers: Handlers,
  domainName: string,
  req: IncomingMessage,
  res: ServerResponse,
  consoleDeps: ConsoleDeps,
): Promise<void> {
  const receivedAt = new Date();
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const rawPath = target.split('?')[0]!;
    const route = matchRoute(method, rawPath);
    const body = await readBody(req);
    if (body === undefined) return writeGatewayError(res, 413, 'Request Entity Too Large');
    // The console pages only for this machine: they show every route and place calls with its tokens.
    if (!route && isConsoleClient(sourceIpOf(req), req.headers.host)) {
      const page = await answerConsole(consoleDeps, {
        method,
        path: rawPath,
        query: new URLSearchParams(target.split('?')[1] ?? ''),
        body,
        contentType: req.headers['content-type'],
      });
      if (page) {
        res.writeHead(page.status, { 'Content-Type': page.contentType, 'Cache-Control': 'no-store' });
        return void res.end(page.body);
      }
    }
    if (!route) return writeGatewayError(res, 404, 'Not Found');
    const event = apiGatewayEventV2(
      { method, target, rawHeaders: req.rawHeaders, body, sourceIp: sourceIpOf(req), httpVersion: req.httpVersion, receivedAt },
      route,
      domainName,
    );
    const result = await handlers[route.target](event, lambdaContext(`pivot-${route.target}`, event.requestContext.requestId));
    writeLambdaResult(res, result, event.requestContext.requestId);
  } catch (error) {
    // What API Gateway answers when the function itself fails.
    console.error('local server: handler failed', error);
    if (!res.headersSent) writeGatewayError(res, 500, 'Internal Server Error');
    else res.end();
  }
}

/** The whole body, or undefined when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}
