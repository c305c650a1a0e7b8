/** `POST /dev/token` as a plain node:http handler, the way the Graph simulator mounts it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleTokenRequest, issueToken, TOKEN_PATH } from '../../../dev/identity/token-endpoint';
import { verifyToken } from '../../../dev/identity/token';

const NOW = Date.parse('2026-03-15T09:00:00Z');

describe('issueToken', () => {
  test('answers a token for a valid request, named by nameOf when it knows the user', () => {
    const outcome = issueToken(
      { user: 'Luca@Example.it', audience: 'graph', expiresIn: 120 },
      { nameOf: (user) => (user === 'luca@example.it' ? 'Luca Bianchi' : undefined), now: () => NOW },
    );
    expect(outcome.status).toBe(200);
    if (outcome.status !== 200) return;
    expect(outcome.body).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
    expect(verifyToken(outcome.body.access_token, 'graph', { now: NOW })).toMatchObject({
      ok: true,
      claims: { sub: 'luca@example.it', name: 'Luca Bianchi' },
    });
  });

  test('names the field of a bad request', () => {
    expect(issueToken({ audience: 'erp' })).toMatchObject({ status: 400, body: { field: 'user' } });
    expect(issueToken({ user: 'a@b.it', audience: 'erp', expiresIn: 'soon' })).toMatchObject({
      status: 400,
      body: { field: 'expiresIn' },
    });
    expect(issueToken(null)).toMatchObject({ status: 400, body: { status: 400 } });
  });
});

describe('handleTokenRequest', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === TOKEN_PATH) void handleTokenRequest(req, res, { secret: 'graph-sim-secret' });
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${TOKEN_PATH}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('issues a token over HTTP', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'a@b.it', audience: 'graph' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(verifyToken(body.access_token, 'graph', { secret: 'graph-sim-secret' }).ok).toBe(true);
  });

  test('answers problems for a wrong method, a body that is not JSON, or one that is too large', async () => {
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const json = { 'Content-Type': 'application/json' };
    const broken = await fetch(url, { method: 'POST', headers: json, body: '{' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await broken.json()).toMatchObject({ field: 'body' });
    expect((await fetch(url, { method: 'POST', headers: json, body: 'x'.repeat(20_000) })).status).toBe(413);
  });

  test('refuses what a foreign web page can send: a body that is not JSON, or another browser origin', async () => {
    const body = JSON.stringify({ user: 'a@b.it', audience: 'graph' });
    const plain = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
    expect(plain.status).toBe(415);
    expect((await fetch(url, { method: 'POST', body })).status).toBe(415);
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).not.toHaveProperty('access_token');
    const pane = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:3000' },
      body,
    });
    expect(pane.status).toBe(200);
  });
});
