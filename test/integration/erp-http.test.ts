/**
 * The ERP client's HTTP behaviour against a real local server that misbehaves on purpose: retries on
 * network faults, 429 and 5xx with backoff; none on other 4xx; one fresh token on 401; timeouts; cancel.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenProvider } from '../../src/auth/token-provider';
import { ErpError } from '../../src/erp/errors';
import { erpJson, type HttpOptions } from '../../src/erp/http';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
let handler: Handler = (_req, res) => res.end('{}');
let hits = 0;
const authorizations: (string | undefined)[] = [];
const server = createServer((req, res) => {
  hits += 1;
  authorizations.push(req.headers.authorization);
  handler(req, res, hits);
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits = 0;
  authorizations.length = 0;
});

function tokens(): TokenProvider & { invalidations: number } {
  let generation = 1;
  const provider = {
    invalidations: 0,
    description: 'test',
    getToken: async () => `token-${generation}`,
    invalidate: () => {
      generation += 1;
      provider.invalidations += 1;
    },
  };
  return provider;
}

const delays: number[] = [];
const options = (overrides: Partial<HttpOptions> = {}): HttpOptions => ({
  baseUrl,
  tokens: tokens(),
  backoffMs: 1,
  random: () => 0.5,
  sleep: async (ms) => {
    delays.push(ms);
  },
  ...overrides,
});

const problem = (res: ServerResponse, status: number, extra: Record<string, unknown> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ title: `status ${status}`, status, ...extra }));
};

test('5xx and 429 are retried with doubling backoff until the ERP answers', async () => {
  delays.length = 0;
  handler = (_req, res, hit) => (hit <= 3 ? problem(res, hit === 2 ? 429 : 503) : res.end('{"ok":true}'));
  const { body } = await erpJson(options({ backoffMs: 100 }), { path: '/x' });
  expect(body).toEqual({ ok: true });
  expect(hits).toBe(4);
  expect(delays).toEqual([100, 200, 400]);
});

test('a dropped connection is a network fault, retried', async () => {
  handler = (req, res, hit) => (hit === 1 ? req.socket.destroy() : res.end('[]'));
  await expect(erpJson(options(), { path: '/x' })).resolves.toMatchObject({ body: [] });
  expect(hits).toBe(2);
});

test('other 4xx are not retried and carry the problem details', async () => {
  handler = (_req, res) => problem(res, 400, { detail: 'limit must be ≤ 5000', field: 'limit' });
  const error = await erpJson(options(), { path: '/x' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ErpError);
  expect(error).toMatchObject({ reason: 'invalid_request', status: 400, problem: { field: 'limit' } });
  expect(hits).toBe(1);
});

test('after the retries the last failure is reported', async () => {
  handler = (_req, res) => problem(res, 502);
  await expect(erpJson(options({ retries: 2 }), { path: '/x' })).rejects.toMatchObject({
    reason: 'server',
    status: 502,
  });
  expect(hits).toBe(3);
});

test('401 gets exactly one more try, with a fresh token', async () => {
  handler = (req, res) =>
    req.headers.authorization === 'Bearer token-2' ? res.end('{}') : problem(res, 401);
  const provider = tokens();
  await erpJson(options({ tokens: provider }), { path: '/x' });
  expect(authorizations).toEqual(['Bearer token-1', 'Bearer token-2']);
  handler = (_req, res) => problem(res, 401);
  await expect(erpJson(options({ tokens: provider }), { path: '/x' })).rejects.toMatchObject({
    reason: 'unauthorized',
  });
});

test('an ERP that does not answer in time is a timeout', async () => {
  handler = () => undefined; // never answers
  await expect(erpJson(options({ timeoutMs: 50, retries: 1 }), { path: '/x' })).rejects.toMatchObject({
    reason: 'timeout',
  });
  expect(hits).toBe(2);
});

test('cancelling stops at once, without retrying', async () => {
  handler = () => undefined;
  const controller = new AbortController();
  const pending = erpJson(options({ timeoutMs: 5_000 }), { path: '/x', signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await expect(pending).rejects.toMatchObject({ reason: 'aborted' });
  expect(hits).toBe(1);
});

test('a body that is not JSON is a bad response', async () => {
  handler = (_req, res) => res.end('<html>proxy error</html>');
  await expect(erpJson(options(), { path: '/x' })).rejects.toMatchObject({ reason: 'bad_response' });
});
