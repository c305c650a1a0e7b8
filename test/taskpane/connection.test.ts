/**
 * The settings screen's connection port against the Graph simulator over HTTP: "test connection" sends
 * tokens only to the services the build may call (a typed URL elsewhere is refused before anything is
 * sent), and a production build's deployment settings are neither editable nor saved.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';
import type { BuildInfo } from '../../src/config/build-info';
import { memorySettingsStore } from '../../src/office/roaming-settings';
import { connectionPort } from '../../src/taskpane/connection';

let sim: GraphSim;
/** Somewhere else: a server that records whatever reaches it (it should be nothing). */
let elsewhere: Server;
let elsewhereUrl = '';
const received: string[] = [];

beforeAll(async () => {
  sim = await startGraphSim({ port: 0, dataDir: null });
  elsewhere = createServer((req, res) => {
    received.push(`${req.method ?? '?'} ${req.url ?? '?'} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end('{"token":"x","expiresIn":3600,"mail":"attacker@example.com"}');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => {
  elsewhere.closeAllConnections();
  await new Promise((resolve) => elsewhere.close(resolve));
  await sim.close();
});
beforeEach(() => {
  received.length = 0;
});

const development = (): BuildInfo => ({
  production: false,
  env: { GRAPH_BASE_URL: `${sim.url}/v1.0`, ERP_BASE_URL: 'http://127.0.0.1:9' },
});

describe('test connection', () => {
  it('tests the configured Graph (the simulator) and signs in there', async () => {
    const port = connectionPort(memorySettingsStore(), () => undefined, development());
    const result = await port.test({});
    expect(result.refused).toBeUndefined();
    expect(result.graph).toEqual({ ok: true, account: 'marta.rossi@solleciti.example' });
  });

  it('refuses a typed Graph URL on another origin, sending nothing there', async () => {
    const port = connectionPort(memorySettingsStore(), () => undefined, development());
    const result = await port.test({ GRAPH_BASE_URL: `${elsewhereUrl}/v1.0` });
    expect(result.refused).toMatch(
      /^GRAPH_BASE_URL \(http:\/\/127\.0\.0\.1:\d+\) is not one of the services this build may call/,
    );
    expect(result.graph.ok).toBe(false);
    expect(received).toEqual([]);
  });

  it('refuses a typed ERP URL on another origin, sending nothing there', async () => {
    const port = connectionPort(memorySettingsStore(), () => undefined, development());
    const result = await port.test({ ERP_BASE_URL: elsewhereUrl });
    expect(result.refused).toMatch(/^ERP_BASE_URL/);
    expect(received).toEqual([]);
  });

  it('refuses a plain-http URL that is not on this machine, sending nothing', async () => {
    const port = connectionPort(memorySettingsStore(), () => undefined, development());
    const result = await port.test({ GRAPH_BASE_URL: 'http://graph.example.invalid/v1.0' });
    expect(result.refused).toContain('GRAPH_BASE_URL is not an https URL');
  });
});

describe('a production build', () => {
  const production: BuildInfo = {
    production: true,
    env: {
      ERP_BASE_URL: 'https://erp.example.it',
      AAD_CLIENT_ID: '0f2e6f4c-3b6a-4a49-9d1e-6f1c2f3a4b5c',
      ERP_SCOPE: 'api://erp.example.it/Reminders.ReadWrite',
    },
  };

  it('shows the deployment settings locked, the others editable', () => {
    const view = connectionPort(memorySettingsStore(), () => undefined, production).view();
    const locked = view.settings.filter((setting) => setting.locked).map((setting) => setting.key);
    expect(locked).toEqual(['ERP_BASE_URL', 'ERP_STATIC_KEY', 'GRAPH_BASE_URL', 'AUTH_MODE', 'DEV_USER']);
  });

  it('does not save a typed value for a deployment setting', async () => {
    const store = memorySettingsStore();
    let reloaded = 0;
    await connectionPort(store, () => (reloaded += 1), production).save({
      ERP_BASE_URL: elsewhereUrl,
      ERP_STATIC_KEY: 'k',
      ERP_SCOPE: 'api://erp.example.it/Other',
    });
    expect(store.get('config.ERP_BASE_URL')).toBeUndefined();
    expect(store.get('config.ERP_STATIC_KEY')).toBeUndefined();
    expect(store.get('config.ERP_SCOPE')).toBe('api://erp.example.it/Other');
    expect(reloaded).toBe(1);
  });
});
