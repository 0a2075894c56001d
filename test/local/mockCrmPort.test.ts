import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_CRM_CALLERS } from '../../local/mockCrm';
import { startLocalServer, type LocalServer } from '../../local/startLocalServer';
import { actions, simulateCall } from './support/simulateCall';

let squatter: Server;
let takenPort: number;
let server: LocalServer;

beforeAll(async () => {
  squatter = createServer((_req, res) => res.end('not a CRM'));
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
  takenPort = (squatter.address() as AddressInfo).port;
  server = await startLocalServer({ port: 0, dynamoPort: 0, mockCrmPort: takenPort });
});

afterAll(async () => {
  await server.close();
  await new Promise((r) => squatter.close(r));
});

describe('npm start when the mock CRM port is taken', () => {
  it('serves the mock CRM on another port and points crm-vip at it', async () => {
    // Act
    const { status, transcript } = await simulateCall(server, ['--route', 'crm-vip', '--from', `+${MOCK_CRM_CALLERS.gold}`]);

    // Assess
    expect(server.mockCrm.port).not.toBe(takenPort);
    expect(status).toBe(0);
    expect(actions(transcript)[0]!.data['text']).toContain('Ada Lovelace');
  });
});
