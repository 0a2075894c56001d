import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnPort } from './listenOnPort';

/** The mock CRM's port under `npm start`: what examples/crm-vip.json's lookup URL names. */
export const MOCK_CRM_PORT = 3001;
/** The bearer token it expects; `npm start` serves it as crm-vip's secret `crm-token`. */
export const MOCK_CRM_TOKEN = 'local-crm-token';

/**
 * Callers the mock CRM knows, by number without `+`. The 555-01xx numbers make it
 * misbehave on purpose, so the simulator can show a call going on without it.
 */
export const MOCK_CRM_CALLERS = {
  gold: '14155550100',
  silver: '14155550101',
  slow: '14155550190',
  down: '14155550191',
  malformed: '14155550192',
  huge: '14155550193',
  notJson: '14155550194',
} as const;

/** Account numbers `GET /accounts?number=…` knows as unpaid; every other account is paid. */
export const MOCK_CRM_UNPAID_ACCOUNTS = ['4242'] as const;

const CUSTOMERS: Record<string, unknown> = {
  [MOCK_CRM_CALLERS.gold]: {
    name: 'Ada Lovelace',
    tier: 'gold',
    account_manager: { name: 'Grace', device_id: '9a8b7c6d5e4f30211203948576a5b4c3' },
  },
  [MOCK_CRM_CALLERS.silver]: { name: 'Alan Turing', tier: 'silver' },
};

export type MockCrm = {
  url: string;
  port: number;
  /** Requests received, by path and query (for tests: was it called, how often). */
  requests: string[];
  close(): Promise<void>;
};

/**
 * A small CRM on loopback for `npm start` and the tests: `GET /customers?phone=…`
 * with `Authorization: Bearer local-crm-token` answers `{"customer": {…}}` or
 * `{"customer": null}`; the slow number answers after 3 s, the down number 503,
 * the malformed one half a JSON document, the notJson one an HTML page, the huge
 * one 2 MB. `GET /accounts?number=…` answers `{"account": {"status": "paid"|"unpaid"}}`.
 */
export async function startMockCrm(options: { port?: number; host?: string } = {}): Promise<MockCrm> {
  const requests: string[] = [];
  const server = createServer((req, res) => void answer(req, res, requests));
  const host = options.host ?? '127.0.0.1';
  const port = await listenOnPort(server, options.port ?? MOCK_CRM_PORT, host, 'Mock CRM', 'MOCK_CRM_PORT');
  return { url: `http://${host}:${port}`, port, requests, close: () => closeServer(server) };
}

async function answer(req: IncomingMessage, res: ServerResponse, requests: string[]): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mock-crm');
  requests.push(`${url.pathname}${url.search}`);
  if (req.headers.authorization !== `Bearer ${MOCK_CRM_TOKEN}`) return json(res, 401, { error: 'unauthorized' });
  if (url.pathname === '/accounts') {
    const number = url.searchParams.get('number') ?? '';
    return json(res, 200, {
      account: { number, status: (MOCK_CRM_UNPAID_ACCOUNTS as readonly string[]).includes(number) ? 'unpaid' : 'paid' },
    });
  }
  if (url.pathname !== '/customers') return json(res, 404, { error: 'not found' });
  const phone = (url.searchParams.get('phone') ?? '').replace(/^\+/, '');
  switch (phone) {
    case MOCK_CRM_CALLERS.slow:
      // A client that gives up closes the response: stop waiting then, so nothing outlives it.
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 3_000);
        res.on('close', () => {
          clearTimeout(timer);
          done();
        });
      });
      return json(res, 200, { customer: { name: 'Slow Sam', tier: 'gold' } });
    case MOCK_CRM_CALLERS.down:
      return json(res, 503, { error: 'maintenance' });
    case MOCK_CRM_CALLERS.malformed:
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"customer": {"tier": "gol');
    case MOCK_CRM_CALLERS.notJson:
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>Please log in</body></html>');
    case MOCK_CRM_CALLERS.huge:
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ customer: { tier: 'gold', notes: 'x'.repeat(2_000_000) } }));
    default:
      return json(res, 200, { customer: CUSTOMERS[phone] ?? null });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
